package io.mailtune.testing.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards ({@code ops/grafana/*.json}) and Prometheus alert rules ({@code ops/prometheus/alerts.yml}),
 * parsed, with the metric names their PromQL expressions name.
 */
public record MonitoringFiles(Map<String, JsonNode> dashboards, List<Alert> alerts) {

    /** One alert rule. */
    public record Alert(String name, String expr, String severity, String summary, String runbook) {
    }

    /** One PromQL expression and where it is. */
    public record Query(String where, String expr) {
    }

    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "rate", "irate", "increase",
            "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool",
            "histogram_quantile", "label_values", "topk", "bottomk", "abs", "clamp_min", "clamp_max", "delta", "changes",
            "absent", "time", "vector", "scalar", "quantile", "stddev", "count_values", "quantile_over_time",
            "max_over_time", "min_over_time", "avg_over_time", "sum_over_time", "inf", "nan");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    /** Reads both from the repository at {@code root}; a file that does not parse fails. */
    public static MonitoringFiles read(Path root) {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> dashboards = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve("ops/grafana"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(f.getFileName().toString(), json.readTree(f.toFile()));
            }
            JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("ops/prometheus/alerts.yml").toFile());
            List<Alert> alerts = new ArrayList<>();
            for (JsonNode group : rules.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    alerts.add(new Alert(rule.path("alert").asText(null), rule.path("expr").asText(null),
                            rule.path("labels").path("severity").asText(null), rule.path("annotations").path("summary").asText(null),
                            rule.path("annotations").path("runbook").asText(null)));
                }
            }
            return new MonitoringFiles(dashboards, List.copyOf(alerts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every expression: each dashboard panel target's, each alert's. */
    public List<Query> queries() {
        List<Query> out = new ArrayList<>();
        dashboards.forEach((file, dashboard) -> {
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    out.add(new Query(file + " / " + panel.path("title").asText(), target.path("expr").asText()));
                }
            }
        });
        alerts.forEach(a -> out.add(new Query("alert " + a.name(), a.expr())));
        return out;
    }

    /** Metric name → where it is named. */
    public Map<String, Set<String>> metricReferences() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Query q : queries()) {
            for (String metric : metricNames(q.expr())) {
                out.computeIfAbsent(metric, k -> new TreeSet<>()).add(q.where());
            }
        }
        return out;
    }

    /** The metric names a PromQL expression selects (functions, keywords, labels, strings and durations left out). */
    public static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$[A-Za-z_]+", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = TOKEN.matcher(bare);
        while (m.find()) {
            String token = m.group();
            int after = m.end();
            while (after < bare.length() && bare.charAt(after) == ' ') {
                after++;
            }
            boolean call = after < bare.length() && bare.charAt(after) == '(';
            boolean partOfNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!call && !partOfNumber && !PROMQL_WORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
                out.add(token);
            }
        }
        return out;
    }

    /** The sample names a Prometheus text exposition holds ({@code name{labels} value} lines). */
    public static Set<String> exportedNames(String exposition) {
        Set<String> out = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            out.add(line.substring(0, end));
        }
        return out;
    }
}
