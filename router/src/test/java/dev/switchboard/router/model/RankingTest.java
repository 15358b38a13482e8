package dev.switchboard.router.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankingTest {

  @Test
  void shouldRankHigherPriorityAsEarlierArrival() {
    assertThat(Ranking.rankKeyMs(100_000, 2, 30)).isEqualTo(40_000);
    assertThat(Ranking.rankKeyMs(100_000, 1, 0)).isLessThan(Ranking.rankKeyMs(0, 0, 0));
    assertThat(Ranking.effectivePriority(1, 15_000, 30)).isEqualTo(1.5);
    assertThat(Ranking.rankKeyMs(0, Integer.MAX_VALUE, 0))
        .isEqualTo(-Ranking.MAX_PRIORITY * Ranking.STRICT_PRIORITY_WEIGHT_MS);
  }
}
