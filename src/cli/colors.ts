/**
 * Terminal colours for the CLI: on only when the stream is a terminal and NO_COLOR is unset.
 * picocolors' default also turns colour on whenever CI is set, which puts escape codes into
 * captured output and logs.
 */
import { createColors } from 'picocolors';

const wanted = (stream: NodeJS.WriteStream) => Boolean(stream.isTTY) && !('NO_COLOR' in process.env);

/** Whether what goes to stdout may carry colour. */
export const stdoutHasColor = wanted(process.stdout);
/** Colours for what goes to stdout. */
export const pc = createColors(stdoutHasColor);
/** Colours for what goes to stderr (errors, hints, progress). */
export const pcErr = createColors(wanted(process.stderr));
