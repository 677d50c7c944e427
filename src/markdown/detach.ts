/**
 * A fresh copy of a string that shares no memory with the text it was cut from. V8 makes a slice, a
 * regular expression match or a concatenation point into its source, so keeping a short piece of a
 * long text keeps the whole text alive; the copy does not.
 *
 * @example
 * const head = detach(longAnswer.slice(0, 200)); // longAnswer may now be collected
 */
export function detach(text: string): string {
  return text.length < 16 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
