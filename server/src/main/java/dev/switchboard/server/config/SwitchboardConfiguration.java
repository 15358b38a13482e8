package dev.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.router.api.RouterConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The whole configuration of one Switchboard, as loaded and validated from its YAML file by {@link
 * ConfigurationLoader}. Everything in it has passed validation: cross-references resolve, secrets
 * were found, values are in range.
 *
 * @param source the file it came from (for messages and reloads)
 * @param pbxs the PBXs to connect to
 * @param skills the declared skill names
 * @param routing queues, agents and contact selection, as the router takes them
 * @param ivr the {@code ivr} section as a tree, for the IVR's own loader (an empty object when the
 *     file has none)
 * @param http the HTTP listener
 * @param agi the FastAGI listener
 * @param users API users and their token hashes
 * @param journal the router's journal
 * @param stats statistics settings
 * @param logging log levels
 * @param simulator the demo's simulator, or null when not configured
 */
public record SwitchboardConfiguration(
    Path source,
    List<PbxLinkConfiguration> pbxs,
    List<String> skills,
    RouterConfiguration routing,
    JsonNode ivr,
    HttpListenerConfiguration http,
    AgiListenerConfiguration agi,
    List<ApiUserConfiguration> users,
    JournalConfiguration journal,
    StatisticsConfiguration stats,
    LoggingConfiguration logging,
    SimulatorRunConfiguration simulator) {

  public SwitchboardConfiguration {
    Objects.requireNonNull(source, "source");
    pbxs = List.copyOf(pbxs);
    skills = List.copyOf(skills);
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(ivr, "ivr");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(agi, "agi");
    users = List.copyOf(users);
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(logging, "logging");
  }

  /** The PBX with this id, or null. */
  public PbxLinkConfiguration pbx(String id) {
    for (PbxLinkConfiguration pbx : pbxs) {
      if (pbx.id().equals(id)) {
        return pbx;
      }
    }
    return null;
  }

  /** A copy with other PBX links (the demo points its PBX at the simulator's port). */
  public SwitchboardConfiguration withPbxs(List<PbxLinkConfiguration> newPbxs) {
    return new SwitchboardConfiguration(
        source, newPbxs, skills, routing, ivr, http, agi, users, journal, stats, logging,
        simulator);
  }

  /** A copy with another HTTP listener. */
  public SwitchboardConfiguration withHttp(HttpListenerConfiguration newHttp) {
    return new SwitchboardConfiguration(
        source, pbxs, skills, routing, ivr, newHttp, agi, users, journal, stats, logging,
        simulator);
  }

  /** A copy with another FastAGI listener. */
  public SwitchboardConfiguration withAgi(AgiListenerConfiguration newAgi) {
    return new SwitchboardConfiguration(
        source, pbxs, skills, routing, ivr, http, newAgi, users, journal, stats, logging,
        simulator);
  }

  /** A copy with another journal. */
  public SwitchboardConfiguration withJournal(JournalConfiguration newJournal) {
    return new SwitchboardConfiguration(
        source,
        pbxs,
        skills,
        routing,
        ivr,
        http,
        agi,
        users,
        newJournal,
        stats,
        logging,
        simulator);
  }

  /**
   * A copy with the simulator section changed, e.g. {@code c.withSimulator(s ->
   * s.withTimeScale(20))} (no-op without a simulator).
   */
  public SwitchboardConfiguration withSimulator(UnaryOperator<SimulatorRunConfiguration> change) {
    if (simulator == null) {
      return this;
    }
    return new SwitchboardConfiguration(
        source,
        pbxs,
        skills,
        routing,
        ivr,
        http,
        agi,
        users,
        journal,
        stats,
        logging,
        change.apply(simulator));
  }

  /**
   * A copy that staffs only the first {@code count} agents (the demo's {@code --agents}); API users
   * acting as a dropped agent are dropped too.
   */
  public SwitchboardConfiguration withFirstAgents(int count) {
    List<dev.switchboard.router.api.AgentConfiguration> kept =
        routing.agents().subList(0, Math.min(count, routing.agents().size()));
    java.util.Set<String> ids = new java.util.HashSet<>();
    kept.forEach(a -> ids.add(a.id()));
    RouterConfiguration trimmed =
        new RouterConfiguration(routing.queues(), kept, routing.selection());
    List<ApiUserConfiguration> keptUsers =
        users.stream().filter(u -> u.agentId().isEmpty() || ids.contains(u.agentId())).toList();
    return new SwitchboardConfiguration(
        source, pbxs, skills, trimmed, ivr, http, agi, keptUsers, journal, stats, logging,
        simulator);
  }
}
