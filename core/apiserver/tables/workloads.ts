/**
 * Deployment, ReplicaSet and DaemonSet rows: printDeployment, printReplicaSet and printDaemonSet
 * in kubernetes pkg/printers/internalversion/printers.go (v1.32); FIDELITY.md §10.1.
 *
 * Counts go out as JSON numbers where Go appends int64 cells (DESIRED, CURRENT, UP-TO-DATE, …)
 * and as strings where it formats them ("2/3"), whatever the column's declared type says: the
 * Deployment's Up-to-date column is declared "string" but carries an int64, as upstream.
 * The Deployment's SELECTOR is LabelSelectorAsSelector(...).String(), so an empty selector
 * prints "" (and a broken one "<invalid>"); ReplicaSet and DaemonSet use FormatLabelSelector,
 * which prints "<none>".
 */
import type { DaemonSet, Deployment, ReplicaSet } from '../../api/types'
import { EXTENSIONS, POD, PRINTERS_GO } from './docs'
import {
  age,
  ageColumn,
  containerCells,
  containersColumn,
  formatLabelSelector,
  formatLabels,
  imagesColumn,
  nameColumn,
  printer,
  selectorString,
} from './format'
import { column } from './table'

export const DEPLOYMENT_PRINTER = printer<Deployment>(
  [
    nameColumn(),
    column('Ready', PRINTERS_GO.deploymentReady),
    column('Up-to-date', EXTENSIONS.deploymentUpdated),
    column('Available', EXTENSIONS.deploymentAvailable),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    column('Selector', EXTENSIONS.deploymentSelector, 1),
  ],
  (deployment, context) => {
    const status = deployment.status ?? {}
    return [
      deployment.metadata.name ?? '',
      `${status.readyReplicas ?? 0}/${deployment.spec.replicas ?? 0}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      age(deployment.metadata.creationTimestamp, context),
      ...containerCells(deployment.spec.template?.spec?.containers),
      selectorString(deployment.spec.selector) ?? '<invalid>',
    ]
  },
)

export const REPLICA_SET_PRINTER = printer<ReplicaSet>(
  [
    nameColumn(),
    column('Desired', EXTENSIONS.replicaSetSpecReplicas, 0, 'integer'),
    column('Current', EXTENSIONS.replicaSetStatusReplicas, 0, 'integer'),
    column('Ready', EXTENSIONS.replicaSetStatusReadyReplicas, 0, 'integer'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    column('Selector', EXTENSIONS.replicaSetSpecSelector, 1),
  ],
  (rs, context) => [
    rs.metadata.name ?? '',
    rs.spec.replicas ?? 0,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(rs.metadata.creationTimestamp, context),
    ...containerCells(rs.spec.template?.spec?.containers),
    formatLabelSelector(rs.spec.selector),
  ],
)

export const DAEMON_SET_PRINTER = printer<DaemonSet>(
  [
    nameColumn(),
    column('Desired', EXTENSIONS.daemonSetDesired, 0, 'integer'),
    column('Current', EXTENSIONS.daemonSetCurrent, 0, 'integer'),
    column('Ready', EXTENSIONS.daemonSetReady, 0, 'integer'),
    column('Up-to-date', EXTENSIONS.daemonSetUpdated, 0, 'integer'),
    column('Available', EXTENSIONS.daemonSetAvailable, 0, 'integer'),
    column('Node Selector', POD.nodeSelector),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    column('Selector', EXTENSIONS.daemonSetSelector, 1),
  ],
  (ds, context) => {
    const status = ds.status
    return [
      ds.metadata.name ?? '',
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec.template?.spec?.nodeSelector),
      age(ds.metadata.creationTimestamp, context),
      ...containerCells(ds.spec.template?.spec?.containers),
      formatLabelSelector(ds.spec.selector),
    ]
  },
)
