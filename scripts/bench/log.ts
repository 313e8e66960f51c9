// Progress lines go to stderr, so stdout holds only the table.
export function log(message: string): void {
  console.error(`bench: ${message}`);
}
