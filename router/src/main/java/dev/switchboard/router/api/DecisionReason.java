package dev.switchboard.router.api;

/**
 * Why a contact was offered to an agent, kept so that "why did this caller go to that agent" can be
 * answered later.
 *
 * @param trigger what caused the decision: {@code contact-arrived}, {@code agent-available}, {@code
 *     escalation}, {@code requeue}, {@code callback-due}, {@code configuration}
 * @param policy the agent-selection policy of the queue
 * @param selection the router-wide contact selection in force
 * @param escalationStep the highest escalation step applied to the contact, -1 for none
 * @param eligibleAgents ready agents that qualified at that moment
 * @param agentLevel the chosen agent's lowest level among the skills the contact required
 * @param waitedMs how long the contact had waited since its original arrival
 * @param effectivePriority the contact's priority as aged by waiting time, in levels
 */
public record DecisionReason(
    String trigger,
    AgentSelectionPolicy policy,
    ContactSelection selection,
    int escalationStep,
    int eligibleAgents,
    int agentLevel,
    long waitedMs,
    double effectivePriority) {}
