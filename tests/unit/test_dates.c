/* Dates, RFC 3339 date-times and timeline times (src/core/ptime.c). */
#include "helpers.h"

#include "postmortem/ptime.h"

static bool date_ok(const char *s)
{
	pm_date d;
	return pm_date_parse(s, strlen(s), &d);
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(date_ok("2026-11-20"));
	assert_true(date_ok("2024-02-29"));
	assert_true(date_ok("2000-02-29"));
	assert_false(date_ok("1900-02-29"));
	assert_false(date_ok("2026-02-29"));
	assert_false(date_ok("2026-02-30"));
	assert_false(date_ok("2026-13-01"));
	assert_false(date_ok("2026-00-10"));
	assert_false(date_ok("2026-04-31"));
	assert_false(date_ok("2026-1-01"));
	assert_false(date_ok("2026-11-20 "));
	assert_false(date_ok("20261120"));
	assert_false(date_ok(""));
}

static void test_date_days(void **state)
{
	pm_date epoch = {1970, 1, 1}, d = {2026, 11, 20}, before = {1969, 12, 31};
	char out[11];
	(void)state;
	assert_int_equal(pm_date_days(epoch), 0);
	assert_int_equal(pm_date_days(before), -1);
	/* date -d 2026-11-20 +%s / 86400 */
	assert_int_equal(pm_date_days(d), 20777);
	pm_date_format(d, out);
	assert_string_equal(out, "2026-11-20");
}

static bool dt(const char *s, pm_instant *out)
{
	return pm_datetime_parse(s, strlen(s), out);
}

static void test_datetimes(void **state)
{
	pm_instant a, b;
	(void)state;
	assert_true(dt("2026-11-20T09:14:00Z", &a));
	assert_int_equal(a.sec, 20777LL * 86400 + 9 * 3600 + 14 * 60);
	assert_true(dt("2026-11-20T10:14:00+01:00", &b));
	assert_int_equal(pm_instant_compare(a, b), 0);
	assert_true(dt("2026-11-20t09:14z", &b));
	assert_int_equal(pm_instant_compare(a, b), 0);
	assert_true(dt("2026-11-20 09:14:00.5Z", &b));
	assert_int_equal(b.nsec, 500000000);
	assert_int_equal(pm_instant_compare(a, b), -1);
	assert_true(dt("2026-11-20T04:14:00-05:00", &b));
	assert_int_equal(pm_instant_compare(a, b), 0);
	assert_false(dt("2026-11-20T09:14:00", &b)); /* no offset: nothing guessed */
	assert_false(dt("2026-11-20", &b));
	assert_false(dt("2026-11-20T24:00Z", &b));
	assert_false(dt("2026-11-20T09:60Z", &b));
	assert_false(dt("2026-02-30T09:00Z", &b));
	assert_false(dt("2026-11-20T09:14:00+0100", &b));
	assert_false(dt("2026-11-20T09:14:00.Z", &b));
	assert_false(dt("2026-11-20  09:14Z", &b));
}

static pm_tl_status tl(const char *s, pm_tl_time *t)
{
	return pm_timeline_time_parse(s, strlen(s), t);
}

static void test_timeline_times(void **state)
{
	pm_tl_time t;
	(void)state;
	assert_int_equal(tl("09:14 Alert fires", &t), PM_TL_OK);
	assert_false(t.has_date);
	assert_int_equal(t.hour, 9);
	assert_int_equal(t.minute, 14);
	assert_int_equal(tl("9:05 one-digit hour", &t), PM_TL_OK);
	assert_int_equal(t.hour, 9);
	assert_int_equal(tl("2026-11-20 09:14:30Z x", &t), PM_TL_OK);
	assert_true(t.has_date);
	assert_true(t.has_offset);
	assert_int_equal(t.second, 30);
	assert_int_equal(tl("2026-11-20T09:14+02:00", &t), PM_TL_OK);
	assert_int_equal(t.offset_minutes, 120);
	assert_int_equal(tl("09:14-05:00 x", &t), PM_TL_OK);
	assert_int_equal(t.offset_minutes, -300);
	assert_int_equal(tl("09:14 - dash", &t), PM_TL_OK);
	assert_false(t.has_offset);
	assert_int_equal(tl("09:14", &t), PM_TL_OK);
	assert_int_equal(tl("09:14, comma", &t), PM_TL_OK);

	assert_int_equal(tl("25:00 late", &t), PM_TL_INVALID);
	assert_int_equal(tl("09:61 x", &t), PM_TL_INVALID);
	assert_int_equal(tl("2026-02-30 10:00 x", &t), PM_TL_INVALID);
	assert_int_equal(tl("09:14+25:00 x", &t), PM_TL_INVALID);
	assert_int_equal(tl("09:14-05:60 x", &t), PM_TL_INVALID);

	assert_int_equal(tl("Alert fires at 09:14", &t), PM_TL_NONE);
	assert_int_equal(tl("09:145", &t), PM_TL_NONE);
	assert_int_equal(tl("09:14:", &t), PM_TL_NONE);
	assert_int_equal(tl("0914", &t), PM_TL_NONE);
	assert_int_equal(tl("9:5", &t), PM_TL_NONE);
	assert_int_equal(tl("2026-11-20 outage", &t), PM_TL_NONE);
	assert_int_equal(tl("", &t), PM_TL_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date_days),
		cmocka_unit_test(test_datetimes),
		cmocka_unit_test(test_timeline_times),
	};
	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
