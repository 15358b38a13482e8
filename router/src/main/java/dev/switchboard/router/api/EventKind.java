package dev.switchboard.router.api;

/**
 * The kind of a {@link RouterEvent}, one per record type: what an {@link EventView} holds, and what
 * a {@link RouterEventListener} says it {@linkplain RouterEventListener#wants wants}.
 */
public enum EventKind {
  CONTACT_QUEUED(RouterEvent.ContactQueued.class),
  CONTACT_OFFERED(RouterEvent.ContactOffered.class),
  OFFER_REVOKED(RouterEvent.OfferRevoked.class),
  OFFER_NOT_TAKEN(RouterEvent.OfferNotTaken.class),
  CONTACT_ESCALATED(RouterEvent.ContactEscalated.class),
  CONTACT_MOVED(RouterEvent.ContactMoved.class),
  CONTACT_OVERFLOWED(RouterEvent.ContactOverflowed.class),
  CALLBACK_OFFERED(RouterEvent.CallbackOffered.class),
  CALLBACK_REGISTERED(RouterEvent.CallbackRegistered.class),
  CALLBACK_DUE(RouterEvent.CallbackDue.class),
  CONTACT_ANSWERED(RouterEvent.ContactAnswered.class),
  CONTACT_ABANDONED(RouterEvent.ContactAbandoned.class),
  CONTACT_ENDED(RouterEvent.ContactEnded.class),
  AGENT_STATE_CHANGED(RouterEvent.AgentStateChanged.class),
  AGENT_CONFIGURED(RouterEvent.AgentConfigured.class),
  QUEUE_CONFIGURED(RouterEvent.QueueConfigured.class),
  SELECTION_CONFIGURED(RouterEvent.SelectionConfigured.class),
  SURVEY_RECORDED(RouterEvent.SurveyRecorded.class),
  ANNOUNCEMENT_CHANGED(RouterEvent.AnnouncementChanged.class),
  PBX_LINK_CHANGED(RouterEvent.PbxLinkChanged.class),
  COMMAND_REJECTED(RouterEvent.CommandRejected.class);

  private static final ClassValue<EventKind> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected EventKind computeValue(Class<?> type) {
          for (EventKind kind : values()) {
            if (kind.type == type) {
              return kind;
            }
          }
          throw new IllegalArgumentException("not a router event: " + type.getName());
        }
      };

  private final Class<? extends RouterEvent> type;

  EventKind(Class<? extends RouterEvent> type) {
    this.type = type;
  }

  /** The record type of this kind. */
  public Class<? extends RouterEvent> type() {
    return type;
  }

  /** The kind of {@code event}. */
  public static EventKind of(RouterEvent event) {
    return BY_CLASS.get(event.getClass());
  }
}
