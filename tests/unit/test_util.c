/* The hash index of strings (src/core/util.c), which finds repeats in
 * input of any size in linear time. */
#include "helpers.h"

static void test_put_and_get(void **state)
{
	pm_strmap map = {0};
	(void)state;
	assert_int_equal(pm_strmap_get(&map, "a", 1), -1);
	assert_int_equal(pm_strmap_put(&map, "a", 1, 7), -1);
	assert_int_equal(pm_strmap_put(&map, "b", 1, 8), -1);
	/* A repeat gives the first value back and stores nothing. */
	assert_int_equal(pm_strmap_put(&map, "a", 1, 9), 7);
	assert_int_equal(pm_strmap_get(&map, "a", 1), 7);
	assert_int_equal(pm_strmap_get(&map, "b", 1), 8);
	/* Lengths count, not NUL terminators: "ab" and "a\0b" differ. */
	assert_int_equal(pm_strmap_put(&map, "a\0b", 3, 1), -1);
	assert_int_equal(pm_strmap_get(&map, "ab", 2), -1);
	assert_int_equal(pm_strmap_get(&map, "", 0), -1);
	assert_int_equal(pm_strmap_put(&map, "", 0, 2), -1);
	assert_int_equal(pm_strmap_get(&map, "", 0), 2);
	assert_int_equal(map.count, 4);
	pm_strmap_clear(&map);
	assert_int_equal(map.count, 0);
	assert_int_equal(pm_strmap_get(&map, "a", 1), -1);
}

static void test_many(void **state)
{
	enum { N = 200000 };
	pm_strmap map = {0};
	pm_strlist keys = {0};
	(void)state;
	for (long i = 0; i < N; i++)
		pm_strlist_add_owned(&keys, pm_xasprintf("k%ld", i));
	/* Through many growths, every key keeps its value. */
	for (long i = 0; i < N; i++)
		assert_int_equal(pm_strmap_put(&map, keys.items[i], strlen(keys.items[i]), i), -1);
	for (long i = 0; i < N; i++)
		assert_int_equal(pm_strmap_get(&map, keys.items[i], strlen(keys.items[i])), i);
	assert_int_equal(pm_strmap_put(&map, "k123", 4, 0), 123);
	assert_int_equal(pm_strmap_get(&map, "k200000", 7), -1);
	pm_strmap_clear(&map);
	pm_strlist_clear(&keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_and_get),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
