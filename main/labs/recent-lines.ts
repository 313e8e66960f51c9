// The last few lines of a log, kept in memory (the server's warnings, for Lab II's cards).

export interface RecentLines {
  add(line: string): void;
  /** Oldest first. */
  lines(): string[];
}

export function createRecentLines(max = 20): RecentLines {
  const kept: string[] = [];
  return {
    add(line) {
      kept.push(line);
      if (kept.length > max) kept.splice(0, kept.length - max);
    },
    lines: () => [...kept],
  };
}
