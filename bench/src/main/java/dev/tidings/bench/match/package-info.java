/**
 * Matching benchmarks: our saved-search engine beside Lucene Monitor on the same articles and
 * searches ({@link dev.tidings.bench.match.MatchingBench} for throughput under JMH,
 * {@link dev.tidings.bench.match.MatchingScale} for registration time, heap and latency at a million).
 */
package dev.tidings.bench.match;
