/**
 * kubectl's failures, as it prints them: the text goes to standard error as is, and the exit
 * status is kubectl's (1 for nearly everything).
 */
export class KubectlError extends Error {
  constructor(
    /** The whole text to print, without the final newline. */
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text)
    this.name = 'KubectlError'
  }

  /** Set when the API server refused the connection (discovery prints its retries then). */
  refused = false
}

/** `error: …`, kubectl's plain client-side failure (cmdutil.CheckErr). */
export function clientError(message: string): KubectlError {
  return new KubectlError(`error: ${message}`)
}

/** A cobra usage failure: "Error: …" and the hint to the verb's help. */
export function usageError(verb: string, message: string): KubectlError {
  return new KubectlError(`Error: ${message}\nSee 'kubectl ${verb} --help' for usage.`)
}

/**
 * What kubectl prints for a Status from the server: "Error from server (NotFound): pods "x" not
 * found"; for a failure with no reason, the message alone after "Error from server".
 */
export function statusText(status: { reason?: string; message?: string }): string {
  const message =
    status.message ?? 'an error on the server ("") has prevented the request from succeeding'
  if (status.reason === undefined || status.reason === '' || status.reason === 'Unknown')
    return `Error from server: ${message}`
  return `Error from server (${status.reason}): ${message}`
}

export function serverError(status: { reason?: string; message?: string }): KubectlError {
  return new KubectlError(statusText(status))
}
