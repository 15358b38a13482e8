package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.server.security.ApiToken;
import dev.switchboard.server.security.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpConfigurationTest {

  @Test
  void shouldDefaultToLoopbackAndSafeLimits() {
    HttpConfiguration c = HttpConfiguration.defaults(List.of());

    assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.tls()).isNull();
    assertThat(c.streamIntervalMs()).isEqualTo(500);
    assertThat(c.metricsPublic()).isFalse();
    assertThat(c.withListen(null, 9000).bindAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void shouldNameTheFieldThatIsOutOfRange() {
    HttpConfiguration c = HttpConfiguration.defaults(List.of());
    assertThatThrownBy(() -> c.withListen("127.0.0.1", 70_000)).hasMessageContaining("port");
    assertThatThrownBy(() -> c.withLimits(0, 8192)).hasMessageContaining("maxBodyBytes");
    assertThatThrownBy(() -> c.withLimits(1024, 10)).hasMessageContaining("maxHeaderBytes");
    assertThatThrownBy(() -> c.withStream(1, 65_536)).hasMessageContaining("streamIntervalMs");
    assertThatThrownBy(() -> new HttpConfiguration.Tls("cert.pem", " "))
        .hasMessageContaining("tls");
  }

  @Test
  void shouldRefuseDuplicateTokenNamesAndSecrets() {
    ApiToken a = ApiToken.forSecret("a", Role.ADMIN, "same", "");
    ApiToken b = ApiToken.forSecret("b", Role.WALLBOARD, "same", "");
    ApiToken a2 = ApiToken.forSecret("a", Role.WALLBOARD, "other", "");

    assertThatThrownBy(() -> HttpConfiguration.defaults(List.of(a, b)))
        .hasMessageContaining("same secret");
    assertThatThrownBy(() -> HttpConfiguration.defaults(List.of(a, a2)))
        .hasMessageContaining("duplicate token name");
  }
}
