import { OBJECT_FIELDS, type TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const DEPLOYMENT: Record<string, TypeSchema> = {
  Deployment: {
    description: 'Deployment enables declarative updates for Pods and ReplicaSets.',
    fields: {
      ...OBJECT_FIELDS,
      spec: {
        type: 'DeploymentSpec',
        ref: 'DeploymentSpec',
        description: 'Specification of the desired behavior of the Deployment.',
      },
      status: {
        type: 'DeploymentStatus',
        ref: 'DeploymentStatus',
        description: 'Most recently observed status of the Deployment.',
      },
    },
  },
  DeploymentSpec: {
    description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    fields: {
      minReadySeconds: {
        type: 'integer',
        description:
          'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
      },
      paused: {
        type: 'boolean',
        description: 'Indicates that the deployment is paused.',
      },
      progressDeadlineSeconds: {
        type: 'integer',
        description:
          'The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.',
      },
      replicas: {
        type: 'integer',
        description:
          'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.',
      },
      revisionHistoryLimit: {
        type: 'integer',
        description:
          'The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.',
      },
      selector: {
        type: 'LabelSelector',
        required: true,
        ref: 'LabelSelector',
        description:
          "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      },
      strategy: {
        type: 'DeploymentStrategy',
        ref: 'DeploymentStrategy',
        description: 'The deployment strategy to use to replace existing pods with new ones.',
      },
      template: {
        type: 'PodTemplateSpec',
        required: true,
        ref: 'PodTemplateSpec',
        description:
          'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
      },
    },
  },
  DeploymentStrategy: {
    description: 'DeploymentStrategy describes how to replace existing pods with new ones.',
    fields: {
      rollingUpdate: {
        type: 'RollingUpdateDeployment',
        ref: 'RollingUpdateDeployment',
        description:
          'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.',
      },
      type: {
        type: 'string',
        enum: ['Recreate', 'RollingUpdate'],
        description:
          'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.\n\nPossible enum values:\n - `"Recreate"` Kill all existing pods before creating new ones.\n - `"RollingUpdate"` Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.',
      },
    },
  },
  RollingUpdateDeployment: {
    description: 'Spec to control the desired behavior of rolling update.',
    fields: {
      maxSurge: {
        type: 'IntOrString',
        ref: 'IntOrString',
        description:
          'The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods.',
      },
      maxUnavailable: {
        type: 'IntOrString',
        ref: 'IntOrString',
        description:
          'The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods.',
      },
    },
  },
  DeploymentStatus: {
    description: 'DeploymentStatus is the most recently observed status of the Deployment.',
    fields: {
      availableReplicas: {
        type: 'integer',
        description:
          'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      },
      collisionCount: {
        type: 'integer',
        description:
          'Count of hash collisions for the Deployment. The Deployment controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ReplicaSet.',
      },
      conditions: {
        type: '[]DeploymentCondition',
        ref: 'DeploymentCondition',
        description:
          "Represents the latest available observations of a deployment's current state.",
      },
      observedGeneration: {
        type: 'integer',
        description: 'The generation observed by the deployment controller.',
      },
      readyReplicas: {
        type: 'integer',
        description:
          'readyReplicas is the number of pods targeted by this Deployment with a Ready Condition.',
      },
      replicas: {
        type: 'integer',
        description:
          'Total number of non-terminated pods targeted by this deployment (their labels match the selector).',
      },
      unavailableReplicas: {
        type: 'integer',
        description:
          'Total number of unavailable pods targeted by this deployment. This is the total number of pods that are still required for the deployment to have 100% available capacity. They may either be pods that are running but not yet available or pods that still have not been created.',
      },
      updatedReplicas: {
        type: 'integer',
        description:
          'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      },
    },
  },
  DeploymentCondition: {
    description: 'DeploymentCondition describes the state of a deployment at a certain point.',
    fields: {
      lastTransitionTime: {
        type: 'string',
        ref: 'Time',
        description: 'Last time the condition transitioned from one status to another.',
      },
      lastUpdateTime: {
        type: 'string',
        ref: 'Time',
        description: 'The last time this condition was updated.',
      },
      message: {
        type: 'string',
        description: 'A human readable message indicating details about the transition.',
      },
      reason: {
        type: 'string',
        description: "The reason for the condition's last transition.",
      },
      status: {
        type: 'string',
        required: true,
        description: 'Status of the condition, one of True, False, Unknown.',
      },
      type: {
        type: 'string',
        required: true,
        description: 'Type of deployment condition.',
      },
    },
  },
}
