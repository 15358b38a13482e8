package dev.switchboard.sim.pbx;

import dev.switchboard.sim.ami.AmiMessage;
import java.util.ArrayList;
import java.util.List;

/** A basic two-party bridge as Asterisk reports it in Bridge* events. */
final class SimBridge {
  final String uniqueid;
  final List<SimChannel> members = new ArrayList<>(2);

  SimBridge(String uniqueid) {
    this.uniqueid = uniqueid;
  }

  void appendSnapshot(AmiMessage.Builder b) {
    b.add("BridgeUniqueid", uniqueid)
        .add("BridgeType", "basic")
        .add("BridgeTechnology", "simple_bridge")
        .add("BridgeCreator", "<unknown>")
        .add("BridgeName", "<unknown>")
        .add("BridgeNumChannels", Integer.toString(members.size()))
        .add("BridgeVideoSourceMode", "none");
  }
}
