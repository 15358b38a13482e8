package dev.switchboard.ivr;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A router stand-in that records what the IVR publishes and answers as told. */
public final class RecordingPublisher implements CommandPublisher {
  /** Every command accepted, in order. */
  public final List<Command> commands = new CopyOnWriteArrayList<>();

  /** What to answer. */
  public volatile PublishResult answer = PublishResult.ACCEPTED;

  /** What the router does with an accepted command (e.g. tell the IVR it registered a callback). */
  public volatile Consumer<Command> router = command -> {};

  @Override
  public PublishResult publish(Command command) {
    if (answer.accepted()) {
      commands.add(command);
      router.accept(command);
    }
    return answer;
  }
}
