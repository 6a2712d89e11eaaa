/**
 * JMH benchmarks. Every benchmark class pairs our implementation with its baseline in the same
 * process: a method named {@code ours} and a method named {@code baseline} (same state, same input),
 * so {@link dev.tidings.bench.BenchMain} can print them side by side with the ratio.
 *
 * <p>Benchmarks may read {@code ../shared/data} for realistic input and must fall back to generated
 * input when it is absent.
 */
package dev.tidings.bench;
