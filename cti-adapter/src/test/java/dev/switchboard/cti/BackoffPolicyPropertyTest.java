package dev.switchboard.cti;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BackoffPolicyPropertyTest {

  @Property(tries = 200)
  void shouldStayWithinMinAndMaxAndGrowUntilTheCap(
      @ForAll @LongRange(min = 1, max = 10_000) long minMs,
      @ForAll @LongRange(min = 0, max = 100_000) long extraMs,
      @ForAll @IntRange(min = 0, max = 80) int failures,
      @ForAll long seed) {
    long maxMs = minMs + extraMs;
    BackoffPolicy policy = new BackoffPolicy(minMs, maxMs, new SplittableRandom(seed));
    long delay = policy.delayMs(failures);
    assertThat(delay).isBetween(minMs, maxMs);
    long ceiling =
        Math.min(maxMs, failures >= 62 ? maxMs : Math.min(maxMs, minMs << Math.min(failures, 40)));
    assertThat(delay).isGreaterThanOrEqualTo(Math.max(minMs, ceiling / 2));
  }
}
