/**
 * A compact extract of the Kubernetes v1.32 OpenAPI schema for `kubectl explain`: the kinds
 * learners explain first, their top-level fields, and a few nested types, with the upstream
 * descriptions. A field whose type is not listed here is explained without its own FIELDS.
 */

export interface FieldSchema {
  type: string
  description: string
  required?: boolean
  /** The nested type's name in TYPES, for `explain kind.field`. */
  ref?: string
}

export interface TypeSchema {
  description: string
  fields: Record<string, FieldSchema>
}

const CONVENTIONS =
  'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md'

const API_VERSION: FieldSchema = {
  type: 'string',
  description: `APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: ${CONVENTIONS}#resources`,
}
const KIND: FieldSchema = {
  type: 'string',
  description: `Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: ${CONVENTIONS}#types-kinds`,
}
const METADATA: FieldSchema = {
  type: 'ObjectMeta',
  ref: 'ObjectMeta',
  description: `Standard object's metadata. More info: ${CONVENTIONS}#metadata`,
}

function kind(description: string, fields: Record<string, FieldSchema>): TypeSchema {
  return {
    description,
    fields: { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, ...fields },
  }
}

export const TYPES: Record<string, TypeSchema> = {
  Pod: kind(
    'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
    {
      spec: {
        type: 'PodSpec',
        description: `Specification of the desired behavior of the pod. More info: ${CONVENTIONS}#spec-and-status`,
      },
      status: {
        type: 'PodStatus',
        description: `Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: ${CONVENTIONS}#spec-and-status`,
      },
    },
  ),
  Deployment: kind('Deployment enables declarative updates for Pods and ReplicaSets.', {
    spec: {
      type: 'DeploymentSpec',
      ref: 'DeploymentSpec',
      description: 'Specification of the desired behavior of the Deployment.',
    },
    status: {
      type: 'DeploymentStatus',
      description: 'Most recently observed status of the Deployment.',
    },
  }),
  Service: kind(
    'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
    {
      spec: {
        type: 'ServiceSpec',
        description: `Spec defines the behavior of a service. ${CONVENTIONS}#spec-and-status`,
      },
      status: {
        type: 'ServiceStatus',
        description: `Most recently observed status of the service. Populated by the system. Read-only. More info: ${CONVENTIONS}#spec-and-status`,
      },
    },
  ),
  Node: kind(
    'Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).',
    {
      spec: {
        type: 'NodeSpec',
        description: `Spec defines the behavior of a node. ${CONVENTIONS}#spec-and-status`,
      },
      status: {
        type: 'NodeStatus',
        description: `Most recently observed status of the node. Populated by the system. Read-only. More info: ${CONVENTIONS}#spec-and-status`,
      },
    },
  ),
  ReplicaSet: {
    ...kind(
      'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
      {
        spec: {
          type: 'ReplicaSetSpec',
          description: `Spec defines the specification of the desired behavior of the ReplicaSet. More info: ${CONVENTIONS}#spec-and-status`,
        },
        status: {
          type: 'ReplicaSetStatus',
          description: `Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: ${CONVENTIONS}#spec-and-status`,
        },
      },
    ),
  },
  DaemonSet: kind('DaemonSet represents the configuration of a daemon set.', {
    spec: {
      type: 'DaemonSetSpec',
      description: `The desired behavior of this daemon set. More info: ${CONVENTIONS}#spec-and-status`,
    },
    status: {
      type: 'DaemonSetStatus',
      description: `The current status of this daemon set. This data may be out of date by some window of time. Populated by the system. Read-only. More info: ${CONVENTIONS}#spec-and-status`,
    },
  }),
  Namespace: kind('Namespace provides a scope for Names. Use of multiple namespaces is optional.', {
    spec: {
      type: 'NamespaceSpec',
      description: `Spec defines the behavior of the Namespace. More info: ${CONVENTIONS}#spec-and-status`,
    },
    status: {
      type: 'NamespaceStatus',
      description: `Status describes the current status of a Namespace. More info: ${CONVENTIONS}#spec-and-status`,
    },
  }),
  ConfigMap: kind('ConfigMap holds configuration data for pods to consume.', {
    binaryData: {
      type: 'map[string]string',
      description:
        "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range. The keys stored in BinaryData must not overlap with the ones in the Data field, this is enforced during validation process. Using this field will require 1.10+ apiserver and kubelet.",
    },
    data: {
      type: 'map[string]string',
      description:
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
    },
    immutable: {
      type: 'boolean',
      description:
        'Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.',
    },
  }),
  DeploymentSpec: {
    description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    fields: {
      minReadySeconds: {
        type: 'integer',
        description:
          'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
      },
      paused: { type: 'boolean', description: 'Indicates that the deployment is paused.' },
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
        description:
          "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      },
      strategy: {
        type: 'DeploymentStrategy',
        description: 'The deployment strategy to use to replace existing pods with new ones.',
      },
      template: {
        type: 'PodTemplateSpec',
        required: true,
        description:
          'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
      },
    },
  },
  ObjectMeta: {
    description:
      'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    fields: {
      annotations: {
        type: 'map[string]string',
        description:
          'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations',
      },
      labels: {
        type: 'map[string]string',
        description:
          'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels',
      },
      name: {
        type: 'string',
        description:
          'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
      },
      namespace: {
        type: 'string',
        description:
          'Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation. Not all objects are required to be scoped to a namespace - the value of this field for those objects will be empty.\n\nMust be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces',
      },
    },
  },
}
