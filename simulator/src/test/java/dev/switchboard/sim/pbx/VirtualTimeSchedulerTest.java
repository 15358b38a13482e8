package dev.switchboard.sim.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimeSchedulerTest {

  @Test
  void shouldRunTasksInTimeThenSubmissionOrder() {
    VirtualTimeScheduler s = new VirtualTimeScheduler(1_000_000);
    List<String> ran = new ArrayList<>();
    s.schedule(20, () -> ran.add("b@" + s.nowMicros()));
    s.schedule(10, () -> ran.add("a@" + s.nowMicros()));
    s.schedule(20, () -> ran.add("c@" + s.nowMicros()));
    s.execute(() -> s.schedule(5, () -> ran.add("d@" + s.nowMicros())));
    s.runFor(15);
    assertThat(ran).containsExactly("d@1005000", "a@1010000");
    assertThat(s.nowMicros()).isEqualTo(1_015_000);
    s.runFor(100);
    assertThat(ran).containsExactly("d@1005000", "a@1010000", "b@1020000", "c@1020000");
  }

  @Test
  void shouldNotRunCancelledTasks() {
    VirtualTimeScheduler s = new VirtualTimeScheduler(0);
    List<String> ran = new ArrayList<>();
    SimScheduler.Timer t = s.schedule(10, () -> ran.add("x"));
    s.schedule(10, () -> ran.add("y"));
    t.cancel();
    s.runFor(20);
    assertThat(ran).containsExactly("y");
  }
}
