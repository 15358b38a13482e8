package dev.switchboard.cti;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A router stand-in that records the commands published to it, in order. */
final class RecordingPublisher implements CommandPublisher {
  final List<Command> commands = new CopyOnWriteArrayList<>();

  /** Answer RING_FULL this many times before accepting again. */
  final AtomicInteger ringFullFor = new AtomicInteger();

  @Override
  public PublishResult publish(Command command) {
    if (ringFullFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return PublishResult.RING_FULL;
    }
    commands.add(command);
    return PublishResult.ACCEPTED;
  }

  /** The commands except link changes (whose timing relative to replayed events is free). */
  List<Command> callCommands() {
    return commands.stream().filter(c -> !(c instanceof Command.PbxLinkChanged)).toList();
  }

  List<Command> linkChanges() {
    return commands.stream().filter(c -> c instanceof Command.PbxLinkChanged).toList();
  }

  <T extends Command> List<T> of(Class<T> type) {
    return commands.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
