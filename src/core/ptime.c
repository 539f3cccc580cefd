#include "postmortem/ptime.h"

#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads exactly n digits at s[*pos]. */
static bool digits(const char *s, size_t len, size_t *pos, int n, int *out)
{
	int v = 0;
	if (*pos + (size_t)n > len)
		return false;
	for (int i = 0; i < n; i++) {
		char c = s[*pos + (size_t)i];
		if (!is_digit(c))
			return false;
		v = v * 10 + (c - '0');
	}
	*pos += (size_t)n;
	*out = v;
	return true;
}

static bool expect(const char *s, size_t len, size_t *pos, char c)
{
	if (*pos < len && s[*pos] == c) {
		(*pos)++;
		return true;
	}
	return false;
}

bool pm_date_valid(int year, int month, int day)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int max;
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return false;
	max = days[month - 1];
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		max = 29;
	return day <= max;
}

/* Reads YYYY-MM-DD without checking the calendar. */
static bool date_fields(const char *s, size_t len, size_t *pos, pm_date *out)
{
	return digits(s, len, pos, 4, &out->year) && expect(s, len, pos, '-') &&
	       digits(s, len, pos, 2, &out->month) && expect(s, len, pos, '-') &&
	       digits(s, len, pos, 2, &out->day);
}

bool pm_date_parse(const char *s, size_t len, pm_date *out)
{
	size_t pos = 0;
	pm_date d;
	if (!date_fields(s, len, &pos, &d) || pos != len)
		return false;
	if (!pm_date_valid(d.year, d.month, d.day))
		return false;
	*out = d;
	return true;
}

int64_t pm_date_days(pm_date date)
{
	/* Howard Hinnant's days_from_civil. */
	int64_t y = date.year - (date.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (date.month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int pm_date_compare(pm_date a, pm_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

void pm_date_format(pm_date date, char out[11])
{
	unsigned y = (unsigned)date.year % 10000u, m = (unsigned)date.month % 100u, d = (unsigned)date.day % 100u;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Z, z, +HH:MM or -HH:MM. *out_of_range (when not NULL) tells an offset
 * written right but impossible (+25:00) from no offset at all. */
static bool offset_field(const char *s, size_t len, size_t *pos, int *minutes, bool *out_of_range)
{
	int sign, h, m;
	if (out_of_range)
		*out_of_range = false;
	if (*pos >= len)
		return false;
	if (s[*pos] == 'Z' || s[*pos] == 'z') {
		(*pos)++;
		*minutes = 0;
		return true;
	}
	if (s[*pos] != '+' && s[*pos] != '-')
		return false;
	sign = s[*pos] == '-' ? -1 : 1;
	(*pos)++;
	if (!digits(s, len, pos, 2, &h) || !expect(s, len, pos, ':') || !digits(s, len, pos, 2, &m))
		return false;
	if (h > 23 || m > 59) {
		if (out_of_range)
			*out_of_range = true;
		return false;
	}
	*minutes = sign * (h * 60 + m);
	return true;
}

bool pm_datetime_parse(const char *s, size_t len, pm_instant *out)
{
	size_t pos = 0;
	pm_date d;
	int hour, minute, second = 0, offset;
	int32_t nsec = 0;
	if (!date_fields(s, len, &pos, &d) || !pm_date_valid(d.year, d.month, d.day))
		return false;
	if (pos >= len || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' '))
		return false;
	pos++;
	if (!digits(s, len, &pos, 2, &hour) || !expect(s, len, &pos, ':') ||
	    !digits(s, len, &pos, 2, &minute))
		return false;
	if (expect(s, len, &pos, ':')) {
		if (!digits(s, len, &pos, 2, &second))
			return false;
		if (expect(s, len, &pos, '.')) {
			int n = 0;
			int32_t scale = 100000000;
			while (pos < len && is_digit(s[pos])) {
				if (n < 9)
					nsec += (s[pos] - '0') * scale;
				scale /= 10;
				n++;
				pos++;
			}
			if (n == 0)
				return false;
		}
	}
	/* RFC 3339 allows a leap second, 60. */
	if (hour > 23 || minute > 59 || second > 60)
		return false;
	if (!offset_field(s, len, &pos, &offset, NULL) || pos != len)
		return false;
	out->sec = pm_date_days(d) * 86400 + hour * 3600 + minute * 60 + second - (int64_t)offset * 60;
	out->nsec = nsec;
	return true;
}

int pm_instant_compare(pm_instant a, pm_instant b)
{
	if (a.sec != b.sec)
		return a.sec < b.sec ? -1 : 1;
	if (a.nsec != b.nsec)
		return a.nsec < b.nsec ? -1 : 1;
	return 0;
}

/* H:MM or HH:MM, then optional :SS, without range checks. */
static bool clock_fields(const char *s, size_t len, size_t *pos, pm_tl_time *t)
{
	size_t start = *pos;
	int h1, h2;
	if (!digits(s, len, pos, 1, &h1))
		return false;
	if (digits(s, len, pos, 1, &h2))
		t->hour = h1 * 10 + h2;
	else
		t->hour = h1;
	if (!expect(s, len, pos, ':') || !digits(s, len, pos, 2, &t->minute)) {
		*pos = start;
		return false;
	}
	t->second = 0;
	if (*pos + 1 < len && s[*pos] == ':' && is_digit(s[*pos + 1])) {
		(*pos)++;
		if (!digits(s, len, pos, 2, &t->second))
			return false;
	}
	return true;
}

pm_tl_status pm_timeline_time_parse(const char *s, size_t len, pm_tl_time *out)
{
	size_t pos = 0;
	pm_tl_time t;
	memset(&t, 0, sizeof(t));
	if (len >= 10 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
	    s[4] == '-') {
		if (!date_fields(s, len, &pos, &t.date))
			return PM_TL_NONE;
		if (pos >= len || (s[pos] != ' ' && s[pos] != 'T' && s[pos] != 't'))
			return PM_TL_NONE;
		pos++;
		t.has_date = true;
	}
	if (!clock_fields(s, len, &pos, &t))
		return PM_TL_NONE;
	if (pos < len && (s[pos] == 'Z' || s[pos] == 'z' || s[pos] == '+' || s[pos] == '-')) {
		size_t save = pos;
		bool out_of_range;
		if (offset_field(s, len, &pos, &t.offset_minutes, &out_of_range))
			t.has_offset = true;
		else if (out_of_range)
			return PM_TL_INVALID;
		else
			pos = save; /* "09:14-ish": a dash, not an offset */
	}
	/* The time must stand alone: "09:145" or "09:14:" is no time. */
	if (pos < len && (is_digit(s[pos]) || s[pos] == ':'))
		return PM_TL_NONE;
	if ((t.has_date && !pm_date_valid(t.date.year, t.date.month, t.date.day)) || t.hour > 23 ||
	    t.minute > 59 || t.second > 59)
		return PM_TL_INVALID;
	*out = t;
	return PM_TL_OK;
}
