package io.gridshift.activities.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaOptsTest {

  @Test
  void readsSystemPropertiesLaterOnesWinning() {
    JavaOpts opts = JavaOpts.parse("-Xmx1g -Da=1 -Dflag -D'q=x y' -Da=2 -XX:+UseG1GC");

    assertThat(opts.systemProperties()).isEqualTo(Map.of("a", "2", "flag", "", "q", "x y"));
  }

  @Test
  void setReplacesTheFirstOccurrenceInPlaceDropsDuplicatesAndKeepsOtherOptions() {
    JavaOpts opts = JavaOpts.parse("-Xmx1g -Dk=old -Dother=1 -Dk=older -verbose:gc");

    assertThat(opts.with("k", "new").toString()).isEqualTo("-Xmx1g -Dk=new -Dother=1 -verbose:gc");
    assertThat(opts.with("added", "v").toString())
        .isEqualTo("-Xmx1g -Dk=old -Dother=1 -Dk=older -verbose:gc -Dadded=v");
  }

  @Test
  void emptyOrNullHasNoProperties() {
    assertThat(JavaOpts.parse(null).systemProperties()).isEmpty();
    assertThat(JavaOpts.parse("  ").with("k", "v").toString()).isEqualTo("-Dk=v");
  }
}
