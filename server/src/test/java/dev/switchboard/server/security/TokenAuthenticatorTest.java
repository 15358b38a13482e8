package dev.switchboard.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {

  private final TokenAuthenticator authenticator =
      new TokenAuthenticator(
          List.of(
              ApiToken.forSecret("wall", Role.WALLBOARD, "s3cret-wall", ""),
              ApiToken.forSecret("alice", Role.AGENT, "s3cret-alice", "a1")));

  @Test
  void shouldFindTheTokenByItsSecret() {
    assertThat(authenticator.authenticate("s3cret-alice"))
        .contains(new Principal("alice", Role.AGENT, "a1"));
    assertThat(authenticator.authenticate("s3cret-wall"))
        .contains(new Principal("wall", Role.WALLBOARD, ""));
  }

  @Test
  void shouldRefuseUnknownEmptyAndOverlongTokens() {
    assertThat(authenticator.authenticate("s3cret-wal")).isEmpty();
    assertThat(authenticator.authenticate("")).isEmpty();
    assertThat(authenticator.authenticate(null)).isEmpty();
    assertThat(authenticator.authenticate("x".repeat(10_000))).isEmpty();
  }

  @Test
  void shouldStoreOnlyTheSha256() {
    assertThat(TokenAuthenticator.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ApiToken.forSecret("n", Role.ADMIN, "abc", "").toString()).doesNotContain("ba7816");
  }

  @Test
  void shouldRequireAnAgentIdForAgentTokensOnly() {
    String hash = TokenAuthenticator.sha256Hex("x");
    assertThatThrownBy(() -> new ApiToken("a", Role.AGENT, hash, ""))
        .hasMessageContaining("agentId");
    assertThatThrownBy(() -> new ApiToken("s", Role.SUPERVISOR, hash, "a1"))
        .hasMessageContaining("only role agent");
    assertThatThrownBy(() -> new ApiToken("s", Role.SUPERVISOR, "abc", ""))
        .hasMessageContaining("64 hexadecimal");
  }

  @Test
  void shouldParseRolesInAnyCase() {
    assertThat(Role.parse("Supervisor")).isEqualTo(Role.SUPERVISOR);
    assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("unknown role");
  }
}
