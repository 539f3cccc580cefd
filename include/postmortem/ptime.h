/* Dates and times as documents write them: strict, nothing guessed. */
#ifndef POSTMORTEM_PTIME_H
#define POSTMORTEM_PTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	int year, month, day;
} pm_date;

/* An instant: seconds since 1970-01-01T00:00Z and nanoseconds. */
typedef struct {
	int64_t sec;
	int32_t nsec;
} pm_instant;

/* Exactly YYYY-MM-DD, a real calendar day. */
bool pm_date_parse(const char *s, size_t len, pm_date *out);
bool pm_date_valid(int year, int month, int day);
/* Days since 1970-01-01 (negative before). */
int64_t pm_date_days(pm_date date);
int pm_date_compare(pm_date a, pm_date b);
/* Writes YYYY-MM-DD and a NUL into out (11 bytes). */
void pm_date_format(pm_date date, char out[11]);

/* RFC 3339 date-time with offset: YYYY-MM-DD(T|t| )HH:MM[:SS[.frac]](Z|z|+HH:MM|-HH:MM). */
bool pm_datetime_parse(const char *s, size_t len, pm_instant *out);
int pm_instant_compare(pm_instant a, pm_instant b);

/* The time at the start of a timeline entry (contract 3.4). */
typedef enum {
	PM_TL_NONE,    /* the text does not start with a time */
	PM_TL_INVALID, /* it does, but the time is impossible */
	PM_TL_OK
} pm_tl_status;

typedef struct {
	bool has_date;
	pm_date date;
	int hour, minute, second;
	bool has_offset;
	int offset_minutes;
} pm_tl_time;

pm_tl_status pm_timeline_time_parse(const char *s, size_t len, pm_tl_time *out);

#endif
