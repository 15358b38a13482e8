package dev.switchboard.ivr;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PBXs allowed to connect, with their host names resolved once (at start and reload), so that
 * accepting a connection never waits on DNS.
 */
final class PbxTable {
  private static final Logger LOG = LoggerFactory.getLogger(PbxTable.class);

  private final Map<String, Set<InetAddress>> byId;
  private final Set<InetAddress> all;

  private PbxTable(Map<String, Set<InetAddress>> byId) {
    this.byId = byId;
    Set<InetAddress> union = new HashSet<>();
    byId.values().forEach(union::addAll);
    this.all = Set.copyOf(union);
  }

  /** Resolves every configured address; a name that does not resolve is logged and left out. */
  static PbxTable resolve(Map<String, String> pbxs) {
    Map<String, Set<InetAddress>> byId = new LinkedHashMap<>();
    pbxs.forEach(
        (id, host) -> {
          try {
            byId.put(id, Set.of(InetAddress.getAllByName(host)));
          } catch (UnknownHostException e) {
            LOG.warn(
                "PBX {} address {} does not resolve; its connections will be refused", id, host);
            byId.put(id, Set.of());
          }
        });
    return new PbxTable(byId);
  }

  /** True when some configured PBX has this address. */
  boolean allowed(InetAddress address) {
    return all.contains(address);
  }

  /**
   * The PBX id for a connection: the {@code pbx} parameter if given (it must have this address),
   * else the first configured PBX with this address.
   */
  Optional<String> pbxFor(InetAddress address, String requestedId) {
    if (requestedId != null && !requestedId.isEmpty()) {
      Set<InetAddress> addresses = byId.get(requestedId);
      return addresses != null && addresses.contains(address)
          ? Optional.of(requestedId)
          : Optional.empty();
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    for (String id : ids) {
      if (byId.get(id).contains(address)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }
}
