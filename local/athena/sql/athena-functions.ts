/**
 * The functions Athena (engine version 3, Trino) has: the allow-list every query's calls are
 * checked against before the local engine sees it. The engine is DuckDB, whose own functions
 * (duckdb_settings(), current_setting(), query(), read_parquet(), …) would otherwise answer SQL
 * that fails on Athena, and show or reach things no Athena user can. A name missing here is
 * refused with Athena's FUNCTION_NOT_FOUND, whether DuckDB has it or not.
 *
 * LOCALLY_UNSUPPORTED are Athena functions the local engine cannot run: they fail with
 * NOT_SUPPORTED instead, naming the function (local/athena/DIALECT.md).
 */

const AGGREGATE = `approx_distinct approx_most_frequent approx_percentile approx_set arbitrary any_value array_agg avg
  bitwise_and_agg bitwise_or_agg bitwise_xor_agg bool_and bool_or checksum corr count count_if covar_pop covar_samp every
  geometric_mean histogram kurtosis listagg map_agg map_union max max_by merge min min_by multimap_agg numeric_histogram
  qdigest_agg reduce_agg regr_intercept regr_slope skewness stddev stddev_pop stddev_samp sum tdigest_agg variance var_pop
  var_samp grouping`;

const WINDOW = 'cume_dist dense_rank first_value lag last_value lead nth_value ntile percent_rank rank row_number';

const MATH = `abs acos asin atan atan2 beta_cdf cbrt ceil ceiling cos cosh cosine_distance cosine_similarity degrees e exp floor
  from_base infinity inverse_beta_cdf inverse_normal_cdf is_finite is_infinite is_nan ln log log10 log2 mod nan normal_cdf
  pi pow power radians rand random round sign sin sinh sqrt tan tanh to_base truncate width_bucket wilson_interval_lower
  wilson_interval_upper bit_count bitwise_and bitwise_not bitwise_or bitwise_xor bitwise_left_shift bitwise_right_shift
  bitwise_right_shift_arithmetic`;

const STRING = `chr codepoint concat concat_ws format from_utf8 hamming_distance length levenshtein_distance lower lpad ltrim
  luhn_check normalize position replace reverse rpad rtrim soundex split split_part split_to_map split_to_multimap
  starts_with strpos substr substring to_utf8 translate trim upper word_stem char2hexint index
  regexp_count regexp_extract regexp_extract_all regexp_like regexp_position regexp_replace regexp_split`;

const DATE_TIME = `current_date current_time current_timestamp current_timezone date date_add date_diff date_format
  date_parse date_trunc day day_of_month day_of_week day_of_year dow doy extract format_datetime from_iso8601_date
  from_iso8601_timestamp from_iso8601_timestamp_nanos from_unixtime from_unixtime_nanos hour human_readable_seconds
  last_day_of_month localtime localtimestamp millisecond minute month now parse_datetime parse_duration quarter second
  timezone_hour timezone_minute to_iso8601 to_milliseconds to_unixtime week week_of_year with_timezone year year_of_week
  yow at_timezone timezone`;

const CONDITIONAL_AND_CONVERSION = 'coalesce if nullif try greatest least cast try_cast typeof format_number parse_data_size';

const JSON = `is_json_scalar json_array_contains json_array_get json_array_length json_extract json_extract_scalar json_format
  json_parse json_size json_query json_value json_exists json_object json_array`;

const ARRAY_AND_MAP = `all_match any_match array_distinct array_except array_histogram array_intersect array_join array_max
  array_min array_position array_remove array_sort array_union arrays_overlap cardinality combinations contains
  contains_sequence element_at filter flatten ngrams none_match reduce repeat sequence shuffle slice trim_array transform
  zip zip_with map map_concat map_entries map_filter map_from_entries map_keys map_values multimap_from_entries
  transform_keys transform_values map_zip_with row array`;

const BINARY_URL_AND_OTHER = `from_base64 to_base64 from_base64url to_base64url from_hex to_hex md5 sha1 sha256 sha512 xxhash64
  crc32 murmur3 spooky_hash_v2_32 spooky_hash_v2_64 hmac_md5 hmac_sha1 hmac_sha256 hmac_sha512 from_big_endian_32
  from_big_endian_64 to_big_endian_32 to_big_endian_64 from_ieee754_32 from_ieee754_64 to_ieee754_32 to_ieee754_64
  url_extract_fragment url_extract_host url_extract_parameter url_extract_path url_extract_port url_extract_protocol
  url_extract_query url_encode url_decode uuid empty_approx_set`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

/** Every function name Athena resolves, lower case. Geospatial ST_* names are matched by prefix. */
export const ATHENA_FUNCTIONS: ReadonlySet<string> = new Set(
  [AGGREGATE, WINDOW, MATH, STRING, DATE_TIME, CONDITIONAL_AND_CONVERSION, JSON, ARRAY_AND_MAP, BINARY_URL_AND_OTHER].flatMap(words),
);

/** Athena functions with no local counterpart (or one with other arguments). */
export const LOCALLY_UNSUPPORTED: ReadonlySet<string> = new Set(
  words('reduce zip_with transform_keys transform_values map_zip_with approx_set merge empty_approx_set reduce_agg'),
);

export function isAthenaFunction(name: string): boolean {
  return ATHENA_FUNCTIONS.has(name) || name.startsWith('st_');
}

export function isLocallyUnsupported(name: string): boolean {
  return LOCALLY_UNSUPPORTED.has(name) || name.startsWith('st_');
}
