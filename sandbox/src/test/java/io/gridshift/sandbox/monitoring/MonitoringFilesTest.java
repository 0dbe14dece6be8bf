package io.gridshift.sandbox.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gridshift.sandbox.deploy.KubectlBinary;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/monitoring} is sound: the Grafana dashboard is importable and its queries, like the
 * PrometheusRule's alerts, read only the metrics of {@code metrics.txt} (plus the Temporal SDK's
 * {@code temporal_*}, {@code jvm_*} and {@code up}) with their labels; every alert carries what an
 * on-call person needs; the kustomization renders (kubectl's kustomize, {@link KubectlBinary}).
 * Where promtool (Debian's {@code prometheus} package, which {@code .ci/run} installs) is on PATH,
 * it checks the PromQL and unit-tests the alerts' logic ({@code monitoring/alerts-test.yaml}).
 */
class MonitoringFilesTest {
  static final Path DIR = Path.of("..", "deploy", "monitoring");
  static final MetricContract CONTRACT = MetricContract.load();
  static final KubernetesSerialization K8S = new KubernetesSerialization();
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theContractNamesFollowPrometheusConventions() {
    assertThat(CONTRACT.metrics()).hasSizeGreaterThanOrEqualTo(15);
    CONTRACT
        .metrics()
        .values()
        .forEach(
            m -> {
              assertThat(m.name()).startsWith("gridshift_");
              assertThat(m.name().endsWith("_total"))
                  .as("%s: a counter and only a counter ends _total", m.name())
                  .isEqualTo(m.type().equals("counter"));
              assertThat(m.labels()).as(m.name()).isNotEmpty().doesNotContain("");
            });
  }

  @Test
  void theDashboardIsImportableAndReadsOnlyContractMetrics() throws IOException {
    JsonNode dashboard = JSON.readTree(DIR.resolve("grafana-dashboard.json").toFile());
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("title").asText()).isNotBlank();
    JsonNode datasource = variable(dashboard, "datasource");
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");

    Set<Integer> ids = new HashSet<>();
    Set<String> read = new LinkedHashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String where = "panel '" + panel.path("title").asText() + "'";
      assertThat(ids.add(panel.path("id").asInt())).as("%s: id unique", where).isTrue();
      assertThat(panel.path("gridPos").path("w").asInt()).as(where).isPositive();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText())
          .as("%s reads the chosen data source", where)
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(where).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        read.addAll(checkExpression(target.path("expr").asText(), where));
      }
    }
    for (JsonNode v : dashboard.path("templating").path("list")) {
      read.addAll(checkVariableQuery(v));
    }
    assertThat(read.stream().map(n -> CONTRACT.metricOf(n).orElse(n)))
        .as("every contract metric has a panel")
        .containsAll(CONTRACT.metrics().keySet())
        .contains(
            "temporal_workflow_task_schedule_to_start_latency_seconds_bucket",
            "temporal_activity_execution_failed_total");
  }

  @Test
  void theAlertsParseAndEachSaysWhatToDo() throws IOException {
    GenericKubernetesResource rule = prometheusRule();
    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getKind()).isEqualTo("PrometheusRule");
    assertThat(rule.getMetadata().getName()).isEqualTo("gridshift");
    Set<String> alerts = new LinkedHashSet<>();
    for (Map<String, Object> alert : rules(rule)) {
      String name = String.valueOf(alert.get("alert"));
      alerts.add(name);
      assertThat(alert).as(name).containsKeys("alert", "expr", "for", "labels", "annotations");
      assertThat(String.valueOf(alert.get("for"))).as(name).matches("\\d+[smhd]");
      assertThat(map(alert.get("labels")).get("severity")).as(name).isIn("warning", "critical");
      Map<String, Object> annotations = map(alert.get("annotations"));
      for (String key : List.of("summary", "description", "runbook")) {
        assertThat(String.valueOf(annotations.get(key))).as("%s %s", name, key).isNotBlank();
      }
      assertThat(String.valueOf(annotations.get("runbook")))
          .as("%s's runbook names the commands", name)
          .containsAnyOf("./gridshift ", "kubectl ");
      checkExpression(String.valueOf(alert.get("expr")), "alert " + name);
    }
    assertThat(alerts)
        .contains(
            "GridshiftGateOverdue",
            "GridshiftFleetFailureBudgetSpent",
            "GridshiftAgentMissing",
            "GridshiftTargetDown",
            "GridshiftServerNotReady");
  }

  @Test
  void theKustomizationNamesFilesThatExistAndLabelsTheDashboardForGrafana() throws IOException {
    JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
    assertThat(kustomization.path("namespace").asText()).isEqualTo("gridshift");
    List<GenericKubernetesResource> resources = new ArrayList<>();
    for (JsonNode file : kustomization.path("resources")) {
      resources.addAll(documents(DIR.resolve(file.asText())));
    }
    assertThat(resources)
        .extracting(GenericKubernetesResource::getKind)
        .containsExactlyInAnyOrder("PrometheusRule", "PodMonitor", "PodMonitor");
    assertThat(resources).allSatisfy(r -> assertThat(r.getMetadata().getName()).isNotBlank());
    JsonNode generator = kustomization.path("configMapGenerator").get(0);
    assertThat(generator.path("files").get(0).asText()).isEqualTo("grafana-dashboard.json");
    assertThat(DIR.resolve("grafana-dashboard.json")).isRegularFile();
    assertThat(generator.path("options").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
  }

  @Test
  void kubectlRendersTheAddOn() throws Exception {
    String out = run(List.of(KubectlBinary.path(), "kustomize", DIR.toString()), null);
    List<GenericKubernetesResource> rendered = parseDocuments(out);
    assertThat(rendered)
        .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("gridshift"));
    GenericKubernetesResource configMap =
        rendered.stream().filter(r -> r.getKind().equals("ConfigMap")).findFirst().orElseThrow();
    assertThat(configMap.getMetadata().getName()).isEqualTo("gridshift-grafana-dashboard");
    assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    String json =
        String.valueOf(
            map(configMap.getAdditionalProperties().get("data")).get("grafana-dashboard.json"));
    assertThat(JSON.readTree(json))
        .isEqualTo(JSON.readTree(DIR.resolve("grafana-dashboard.json").toFile()));
  }

  @Test
  void promtoolChecksTheAlertsAndTheDashboardsQueries(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus)");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules, K8S.asYaml(map(prometheusRule().getAdditionalProperties().get("spec"))));
    Path queries = dir.resolve("dashboard-queries.yaml");
    Files.writeString(queries, K8S.asYaml(dashboardQueriesAsRecordingRules()));
    String out =
        run(List.of("promtool", "check", "rules", rules.toString(), queries.toString()), dir);
    assertThat(out).contains("SUCCESS: 5 rules found");
  }

  @Test
  void promtoolUnitTestsTheAlerts(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus)");
    // The test file expects each alert's summary only: the description and runbook are prose.
    GenericKubernetesResource rule = prometheusRule();
    rules(rule).forEach(a -> map(a.get("annotations")).keySet().retainAll(Set.of("summary")));
    Files.writeString(
        dir.resolve("rules.yaml"), K8S.asYaml(map(rule.getAdditionalProperties().get("spec"))));
    Path tests = dir.resolve("alerts-test.yaml");
    Files.copy(Path.of("src", "test", "resources", "monitoring", "alerts-test.yaml"), tests);
    String out = run(List.of("promtool", "test", "rules", tests.toString()), dir);
    assertThat(out).contains("SUCCESS");
  }

  /**
   * Checks one expression against the contract: every series it reads is a contract metric (a
   * histogram through _bucket/_sum/_count) or temporal_/jvm_/up; its matchers and groupings name
   * only labels those series carry. Returns the names read.
   */
  static Set<String> checkExpression(String expr, String where) {
    assertThat(expr).as("%s: expression", where).isNotBlank();
    PromQl q = new PromQl(expr);
    assertThat(q.names()).as("%s reads a series: %s", where, expr).isNotEmpty();
    Set<String> labels = new LinkedHashSet<>(MetricContract.TARGET_LABELS);
    boolean foreign = false;
    for (PromQl.Selector s : q.selectors) {
      if (MetricContract.foreign(s.name())) {
        foreign = true;
        continue;
      }
      Optional<Set<String>> own = CONTRACT.labelsOf(s.name());
      if (own.isEmpty()) {
        fail(
            "%s reads %s, which is not in %s (histograms: _bucket/_sum/_count): %s",
            where, s.name(), MetricContract.FILE, expr);
      }
      assertThat(own.get())
          .as("%s: labels of %s in %s", where, s.name(), expr)
          .containsAll(without(s.matcherLabels(), MetricContract.TARGET_LABELS));
      labels.addAll(own.get());
    }
    if (!foreign) {
      assertThat(labels).as("%s: grouping labels in %s", where, expr).containsAll(q.groupingLabels);
    }
    return q.names();
  }

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

  /** A query variable's label_values(metric, label): a contract metric and one of its labels. */
  static Set<String> checkVariableQuery(JsonNode variable) {
    if (!variable.path("type").asText().equals("query")) {
      return Set.of();
    }
    JsonNode query = variable.path("query");
    String text = query.isObject() ? query.path("query").asText() : query.asText();
    Matcher m = LABEL_VALUES.matcher(text);
    assertThat(m.matches())
        .as("variable %s: label_values(metric, label)", variable.path("name"))
        .isTrue();
    assertThat(CONTRACT.labelsOf(m.group(1)))
        .as(text)
        .hasValueSatisfying(l -> assertThat(l).contains(m.group(2)));
    return Set.of(m.group(1));
  }

  /** The dashboard's template variable {@code name}. */
  static JsonNode variable(JsonNode dashboard, String name) {
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("the dashboard has no variable " + name);
  }

  private static Set<String> without(Set<String> labels, Set<String> removed) {
    Set<String> rest = new LinkedHashSet<>(labels);
    rest.removeAll(removed);
    return rest;
  }

  /** Every dashboard target as a recording rule, Grafana's variables replaced, for promtool. */
  private static Map<String, Object> dashboardQueriesAsRecordingRules() throws IOException {
    JsonNode dashboard = JSON.readTree(DIR.resolve("grafana-dashboard.json").toFile());
    List<Map<String, Object>> records = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr =
            target
                .path("expr")
                .asText()
                .replace("$__rate_interval", "5m")
                .replace("$__range", "1h");
        records.add(
            Map.of(
                "record",
                "dashboard:panel" + panel.path("id").asInt() + "_" + target.path("refId").asText(),
                "expr",
                expr));
      }
    }
    return Map.of("groups", List.of(Map.of("name", "dashboard", "rules", records)));
  }

  static GenericKubernetesResource prometheusRule() throws IOException {
    return K8S.unmarshal(
        Files.readString(DIR.resolve("prometheus-rule.yaml")), GenericKubernetesResource.class);
  }

  static List<Map<String, Object>> rules(GenericKubernetesResource rule) {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Object group : (List<?>) map(rule.getAdditionalProperties().get("spec")).get("groups")) {
      for (Object r : (List<?>) map(group).get("rules")) {
        rules.add(map(r));
      }
    }
    assertThat(rules).isNotEmpty();
    return rules;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  static List<GenericKubernetesResource> documents(Path file) throws IOException {
    return parseDocuments(Files.readString(file));
  }

  static List<GenericKubernetesResource> parseDocuments(String yaml) {
    List<GenericKubernetesResource> docs = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (!doc.replaceAll("(?m)^#.*$", "").isBlank()) {
        GenericKubernetesResource r = K8S.unmarshal(doc, GenericKubernetesResource.class);
        assertThat(r.getApiVersion()).as("apiVersion of %s", r.getKind()).isNotBlank();
        docs.add(r);
      }
    }
    return docs;
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a tool (a minute at most); asserts it exits 0; returns what it printed. */
  static String run(List<String> command, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s said:%n%s", command, text).isZero();
    return text;
  }
}
