package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataGridVersionsTest {

  @ParameterizedTest
  @CsvSource({
    "8.0,10.1",
    "8.1,11.0",
    "8.2,12.1",
    "8.3,13.0",
    "8.4,14.0",
    "8.5,15.0",
    "8.4.6.GA,14.0"
  })
  void everyDataGrid8ReleaseMapsToItsInfinispanFamily(String dataGrid, String infinispan) {
    assertThat(DataGridVersions.infinispanFamily(dataGrid)).contains(infinispan);
  }

  @Test
  void anUnknownDataGridReleaseMapsToNothing() {
    assertThat(DataGridVersions.infinispanFamily("8.9")).isEmpty();
    assertThat(DataGridVersions.infinispanFamily("7.3")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "registry.redhat.io/datagrid/datagrid-8-rhel8:1.4, 14.0.x",
    "registry.redhat.io/datagrid/datagrid-8-rhel8:1.4-7, 14.0.x",
    "registry.redhat.io/datagrid/datagrid-8-rhel8:1.0, 10.1.x",
    "registry.redhat.io/datagrid/datagrid-8-rhel9:8.5, 15.0.x",
    "registry.redhat.io/datagrid/datagrid-8-rhel8:8.4.6-1, 14.0.x",
    "mirror.example:5000/datagrid/datagrid-8-rhel8:8.3.1, 13.0.x",
    "quay.io/infinispan/server:15.0.21.Final, 15.0.21.Final",
    "quay.io/infinispan/server:16.0.7, 16.0.7"
  })
  void imageTagsGiveTheInfinispanVersion(String image, String version) {
    assertThat(DataGridVersions.infinispanVersionOfImage(image)).contains(version);
  }

  @Test
  void tagsThatNameNoVersionGiveNothing() {
    assertThat(DataGridVersions.infinispanVersionOfImage("quay.io/infinispan/server:latest"))
        .isEmpty();
    assertThat(
            DataGridVersions.infinispanVersionOfImage(
                "registry.redhat.io/datagrid/datagrid-8-rhel8:latest"))
        .isEmpty();
    assertThat(DataGridVersions.infinispanVersionOfImage("quay.io/infinispan/server")).isEmpty();
    assertThat(
            DataGridVersions.infinispanVersionOfImage(
                "registry.redhat.io/datagrid/datagrid-8-rhel8:1.9"))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Infinispan 'I''m Still Standing' 15.0.21.Final | 15.0.21.Final",
        "Infinispan 'Chupacabra' 10.1.8.Final | 10.1.8.Final",
        "Infinispan 'Flying Saucer' 14.0.28.Final | 14.0.28.Final",
        "Infinispan 'Gaul' 16.0.7 | 16.0.7",
        "Red Hat Data Grid 'Gaul' 8.4.6.GA | 14.0.x",
        "Data Grid 8.5.2.GA | 15.0.x"
      })
  void serverVersionTextsGiveTheInfinispanVersion(String text, String version) {
    assertThat(DataGridVersions.infinispanVersionOfServer(text)).contains(version);
  }

  @Test
  void serverTextsThatNameNoVersionGiveNothing() {
    assertThat(DataGridVersions.infinispanVersionOfServer(null)).isEmpty();
    assertThat(DataGridVersions.infinispanVersionOfServer("")).isEmpty();
    assertThat(DataGridVersions.infinispanVersionOfServer("Hazelcast 5.3.8")).isEmpty();
    assertThat(DataGridVersions.infinispanVersionOfServer("Red Hat Data Grid 9.1.0.GA")).isEmpty();
  }
}
