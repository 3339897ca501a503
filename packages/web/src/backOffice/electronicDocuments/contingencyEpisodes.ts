import type { ElectronicDocumentSummary } from "@mostrador/domain";

/**
 * One contingency of one till (issue 19): the tickets it sold offline that reached the server in the
 * same sync (the same end of outage). The DIAN is told when it started and when it ended
 * (contingency notices); the 48 hours count from the end.
 */
export interface ContingencyEpisode {
  terminalId: string | null;
  terminalName: string;
  /** The first ticket's instant: the outage began then at the latest. */
  startedAt: string;
  lastIssuedAt: string;
  outageEndedAt: string;
  deadlineAt: string;
  /** "CONT1 – CONT7" (or one number); the numbers in between the till may have used elsewhere are not implied. */
  firstNumber: string;
  lastNumber: string;
  count: number;
  numbers: string[];
}

/** "CONT12" → ["CONT", 12]; a number without digits sorts by its text. */
function splitNumber(number: string): [string, number] {
  const match = /^(.*?)(\d+)$/.exec(number);
  return match ? [match[1] ?? "", Number(match[2])] : [number, 0];
}

function byNumber(a: string, b: string): number {
  const [pa, na] = splitNumber(a);
  const [pb, nb] = splitNumber(b);
  return pa === pb ? na - nb : pa.localeCompare(pb);
}

/** The contingency documents grouped by till and end of outage, newest outage first. */
export function contingencyEpisodes(documents: readonly ElectronicDocumentSummary[]): ContingencyEpisode[] {
  const groups = new Map<string, ElectronicDocumentSummary[]>();
  for (const d of documents) {
    if (!d.contingency || !d.outageEndedAt || !d.deadlineAt) continue;
    const key = `${d.terminalId ?? ""}|${d.outageEndedAt}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()]
    .map((docs): ContingencyEpisode => {
      const numbers = docs.map((d) => d.number).sort(byNumber);
      const issued = docs.map((d) => d.issuedAt ?? d.createdAt).sort();
      const first = docs[0] as ElectronicDocumentSummary;
      return {
        terminalId: first.terminalId,
        terminalName: first.terminalName ?? "",
        startedAt: issued[0] as string,
        lastIssuedAt: issued[issued.length - 1] as string,
        outageEndedAt: first.outageEndedAt as string,
        deadlineAt: first.deadlineAt as string,
        firstNumber: numbers[0] as string,
        lastNumber: numbers[numbers.length - 1] as string,
        count: docs.length,
        numbers,
      };
    })
    .sort((a, b) => b.outageEndedAt.localeCompare(a.outageEndedAt) || a.terminalName.localeCompare(b.terminalName));
}

/** The parameters of the start and end notices' texts (the i18n templates word them). */
export function contingencyNoticeParams(
  episode: ContingencyEpisode,
  company: { name: string; nit: string },
  formatInstant: (iso: string) => string,
): Record<string, string> {
  return {
    company: company.name,
    nit: company.nit,
    till: episode.terminalName,
    start: formatInstant(episode.startedAt),
    end: formatInstant(episode.outageEndedAt),
    deadline: formatInstant(episode.deadlineAt),
    range:
      episode.firstNumber === episode.lastNumber
        ? episode.firstNumber
        : `${episode.firstNumber} – ${episode.lastNumber}`,
    count: String(episode.count),
    numbers: episode.numbers.join(", "),
  };
}
