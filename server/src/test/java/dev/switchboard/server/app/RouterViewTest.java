package dev.switchboard.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.SkillRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterViewTest {

  static final QueueConfiguration SALES =
      QueueConfiguration.simple("sales", List.of(new SkillRequirement("sales", 3)));
  static final AgentConfiguration A1 =
      new AgentConfiguration("a1", "A1", "pbx1", "a1", Map.of("sales", 5), 0);
  static final RouterConfiguration CONFIG =
      new RouterConfiguration(List.of(SALES), List.of(A1), ContactSelection.PRIORITY_AGE);

  static void configure(RouterView view, RouterConfiguration c, boolean replay) {
    c.queues().forEach(q -> view.onEvent(new RouterEvent.QueueConfigured(1, q), replay));
    c.agents().forEach(a -> view.onEvent(new RouterEvent.AgentConfigured(1, a), replay));
    view.onEvent(new RouterEvent.SelectionConfigured(1, c.selection()), replay);
  }

  @Test
  void shouldRecogniseTheConfigurationTheJournalRecovered() {
    RouterView view = new RouterView();
    configure(view, CONFIG, true);

    assertThat(view.runs(CONFIG)).isTrue();
    assertThat(view.agentIds()).containsExactly("a1");
    assertThat(view.queues()).containsExactly(SALES);
  }

  @Test
  void shouldSeeAnyDifference() {
    RouterView view = new RouterView();
    configure(view, CONFIG, true);

    assertThat(
            view.runs(
                new RouterConfiguration(
                    List.of(SALES), List.of(A1), ContactSelection.SERVICE_LEVEL)))
        .isFalse();
    assertThat(
            view.runs(
                new RouterConfiguration(List.of(SALES), List.of(), ContactSelection.PRIORITY_AGE)))
        .isFalse();
    AgentConfiguration moreSkilled =
        new AgentConfiguration("a1", "A1", "pbx1", "a1", Map.of("sales", 9), 0);
    assertThat(
            view.runs(
                new RouterConfiguration(
                    List.of(SALES), List.of(moreSkilled), ContactSelection.PRIORITY_AGE)))
        .isFalse();
    assertThat(new RouterView().runs(CONFIG)).isFalse();
  }

  @Test
  void shouldForgetWhatANewConfigurationDropped() {
    RouterView view = new RouterView();
    QueueConfiguration support = QueueConfiguration.simple("support", List.of());
    configure(
        view,
        new RouterConfiguration(
            List.of(SALES, support), List.of(A1), ContactSelection.PRIORITY_AGE),
        true);

    view.retainOnly(CONFIG);

    assertThat(view.runs(CONFIG)).isTrue();
  }

  @Test
  void shouldKeepTheLatestAnnouncementPerScope() {
    RouterView view = new RouterView();
    view.onEvent(new RouterEvent.AnnouncementChanged(10, "*", true, "storm"), false);
    view.onEvent(new RouterEvent.AnnouncementChanged(20, "600", true, "outage"), false);
    view.onEvent(new RouterEvent.AnnouncementChanged(30, "*", false, "storm"), false);

    assertThat(view.announcements())
        .extracting(a -> a.scope() + ":" + a.active() + "@" + a.changedAtMs())
        .containsExactly("*:false@30", "600:true@20");
  }
}
