import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const REPLICA_SET: Record<string, TypeSchema> = {
  ReplicaSet: {
    description:
      'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
    fields: {
      apiVersion: {
        type: 'string',
        description:
          'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
      },
      kind: {
        type: 'string',
        description:
          'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
      },
      metadata: {
        type: 'ObjectMeta',
        ref: 'ObjectMeta',
        description:
          "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      },
      spec: {
        type: 'ReplicaSetSpec',
        ref: 'ReplicaSetSpec',
        description:
          'Spec defines the specification of the desired behavior of the ReplicaSet. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
      status: {
        type: 'ReplicaSetStatus',
        ref: 'ReplicaSetStatus',
        description:
          'Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
    },
  },
  ReplicaSetSpec: {
    description: 'ReplicaSetSpec is the specification of a ReplicaSet.',
    fields: {
      minReadySeconds: {
        type: 'integer',
        description:
          'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
      },
      replicas: {
        type: 'integer',
        description:
          'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
      },
      selector: {
        type: 'LabelSelector',
        required: true,
        ref: 'LabelSelector',
        description:
          "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
      },
      template: {
        type: 'PodTemplateSpec',
        ref: 'PodTemplateSpec',
        description:
          'Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template',
      },
    },
  },
  ReplicaSetStatus: {
    description: 'ReplicaSetStatus represents the current status of a ReplicaSet.',
    fields: {
      availableReplicas: {
        type: 'integer',
        description:
          'The number of available replicas (ready for at least minReadySeconds) for this replica set.',
      },
      conditions: {
        type: '[]ReplicaSetCondition',
        ref: 'ReplicaSetCondition',
        description:
          "Represents the latest available observations of a replica set's current state.",
      },
      fullyLabeledReplicas: {
        type: 'integer',
        description:
          'The number of pods that have labels matching the labels of the pod template of the replicaset.',
      },
      observedGeneration: {
        type: 'integer',
        description:
          'ObservedGeneration reflects the generation of the most recently observed ReplicaSet.',
      },
      readyReplicas: {
        type: 'integer',
        description:
          'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.',
      },
      replicas: {
        type: 'integer',
        required: true,
        description:
          'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
      },
    },
  },
  ReplicaSetCondition: {
    description: 'ReplicaSetCondition describes the state of a replica set at a certain point.',
    fields: {
      lastTransitionTime: {
        type: 'string',
        ref: 'Time',
        description: 'The last time the condition transitioned from one status to another.',
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
        description: 'Type of replica set condition.',
      },
    },
  },
}
