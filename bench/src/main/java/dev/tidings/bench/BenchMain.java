package dev.tidings.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the benchmarks (all, or those whose class name matches the first argument) and prints each
 * pair as {@code ours | baseline | ratio}. Pass {@code --quick} for a short smoke run.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        String filter = ".*";
        boolean quick = false;
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            else filter = ".*" + a + ".*";
        }
        ChainedOptionsBuilder options = new OptionsBuilder().include("dev\\.tidings\\.bench\\." + filter)
                .forks(1).shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        print(results);
    }

    /** Groups results by benchmark class and prints ours beside the baseline with their ratio. */
    static void print(Collection<RunResult> results) {
        Map<String, Map<String, RunResult>> byClass = new TreeMap<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            int dot = full.lastIndexOf('.');
            String cls = full.substring(0, dot);
            String method = full.substring(dot + 1);
            String params = r.getParams().getParamsKeys().isEmpty() ? "" : " " + r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).reduce((x, y) -> x + "," + y).orElse("");
            byClass.computeIfAbsent(cls.substring(cls.lastIndexOf('.') + 1) + params, k -> new TreeMap<>()).put(method, r);
        }
        System.out.println();
        System.out.printf("%-48s %18s %18s %10s%n", "benchmark", "ours", "baseline", "ratio");
        for (var e : byClass.entrySet()) {
            RunResult ours = e.getValue().get("ours");
            RunResult base = e.getValue().get("baseline");
            String unit = ours != null ? ours.getPrimaryResult().getScoreUnit() : base != null ? base.getPrimaryResult().getScoreUnit() : "";
            double o = ours == null ? Double.NaN : ours.getPrimaryResult().getScore();
            double b = base == null ? Double.NaN : base.getPrimaryResult().getScore();
            System.out.printf("%-48s %18s %18s %10s   (%s)%n", e.getKey(), fmt(o), fmt(b),
                    Double.isNaN(o) || Double.isNaN(b) ? "-" : String.format("%.2fx", o / b), unit);
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%,.1f", v);
    }
}
