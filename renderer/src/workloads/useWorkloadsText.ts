/**
 * The words of the workloads graph's labels, from vue-i18n, as the pure label functions take
 * them (labels.ts). A computed: the labels change language with the app.
 */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { WorkloadsText } from './labels'

/** vue-i18n's `t` with named values and, for plurals, a count. */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string

export function workloadsText(t: Translate): WorkloadsText {
  return {
    ready: (ready, total) => t('workloads.ready', { ready, total }),
    noEndpoints: t('workloads.noEndpoints'),
    restarts: (count) => t('workloads.restarts', { count }, count),
    pods: (count) => t('workloads.pods', { count }, count),
    schedulingDisabled: 'SchedulingDisabled',
    staticPods: (node) => t('workloads.staticPods', { node }),
    unownedPods: t('workloads.unownedPods'),
    ownerNotShown: t('workloads.ownerNotShown'),
    owns: t('workloads.owns'),
    runsOn: t('workloads.runsOn'),
    endpointReady: t('workloads.endpointReady'),
    endpointNotReady: t('workloads.endpointNotReady'),
    columns: [
      t('workloads.columns.workloads'),
      t('workloads.columns.sets'),
      t('workloads.columns.pods'),
      t('workloads.columns.nodes'),
    ],
  }
}

export function useWorkloadsText(): ComputedRef<WorkloadsText> {
  const { t, locale } = useI18n()
  return computed(() => {
    void locale.value
    return workloadsText((key, named = {}, plural) =>
      plural === undefined ? t(key, named) : t(key, named, plural),
    )
  })
}
