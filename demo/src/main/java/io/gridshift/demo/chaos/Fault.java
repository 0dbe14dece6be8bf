package io.gridshift.demo.chaos;

/**
 * One fault a run injected.
 *
 * @param type {@code worker-kill}, {@code temporal-outage}, {@code api-faults}, {@code member-kill}
 *     or {@code crash-loop}
 * @param atSeconds when, in seconds since the upgrade started
 * @param step the upgrade's step then, as its status showed it (null when unknown)
 * @param detail what exactly (pod, pid, restart delay, fault counts)
 */
record Fault(String type, double atSeconds, String step, String detail) {}
