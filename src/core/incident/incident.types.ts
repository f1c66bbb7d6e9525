export const INCIDENT_SEVERITIES = ['critical', 'major', 'minor'] as const;
/** How badly the service was hurt: critical (down), major (degraded for many), minor (degraded for few). */
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/**
 * What caused an incident: the change or the deployment it is traced to. Either may be set (a
 * deployment usually implements a change); neither, while the cause is not yet known.
 */
export interface IncidentCause {
  /** `CHG-n`. */
  change: string | null;
  /** `dep_01J…`. */
  deployment: string | null;
}

/**
 * A service disruption as the service desk recorded it, kept so that change failure rate and time
 * to restore are measured from records rather than guessed. Cairn is not the service desk: the
 * ticket stays there, and `ticket` links back to it.
 */
export interface Incident extends IncidentCause {
  /** `INC-n`, numbered in order of recording. */
  id: string;
  /** The service (a CI, `class/name`) that was disrupted. */
  service: string;
  title: string;
  severity: IncidentSeverity;
  /** When the disruption began (UTC ISO). */
  startedAt: string;
  /** When service was restored (UTC ISO); null while it is still open. */
  endedAt: string | null;
  /** The service desk ticket: its system (`servicenow`, `jira`, `glpi`, `zammad`, …), key and URL. */
  ticket: { system: string; key: string; url: string | null } | null;
  recordedBy: string;
  recordedAt: string;
}
