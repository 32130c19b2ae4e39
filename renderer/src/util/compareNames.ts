/**
 * Orders names the way people read them: worker-2 before worker-10. Every list the renderer
 * shows uses it, so the outline and the graph agree on order.
 */
const collator = new Intl.Collator('en', { numeric: true })

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b)
}
