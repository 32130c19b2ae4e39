import { OBJECT_FIELDS, type TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const NAMESPACE: Record<string, TypeSchema> = {
  Namespace: {
    description: 'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
    fields: {
      ...OBJECT_FIELDS,
      spec: {
        type: 'NamespaceSpec',
        ref: 'NamespaceSpec',
        description:
          'Spec defines the behavior of the Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
      status: {
        type: 'NamespaceStatus',
        ref: 'NamespaceStatus',
        description:
          'Status describes the current status of a Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
    },
  },
  NamespaceSpec: {
    description: 'NamespaceSpec describes the attributes on a Namespace.',
    fields: {
      finalizers: {
        type: '[]string',
        description:
          'Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/',
      },
    },
  },
  NamespaceStatus: {
    description: 'NamespaceStatus is information about the current status of a Namespace.',
    fields: {
      conditions: {
        type: '[]NamespaceCondition',
        ref: 'NamespaceCondition',
        description: "Represents the latest available observations of a namespace's current state.",
      },
      phase: {
        type: 'string',
        enum: ['Active', 'Terminating'],
        description:
          'Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/\n\nPossible enum values:\n - `"Active"` means the namespace is available for use in the system\n - `"Terminating"` means the namespace is undergoing graceful termination',
      },
    },
  },
  NamespaceCondition: {
    description: 'NamespaceCondition contains details about state of namespace.',
  },
  ConfigMap: {
    description: 'ConfigMap holds configuration data for pods to consume.',
    fields: {
      apiVersion: {
        type: 'string',
        description:
          'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
      },
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
      kind: {
        type: 'string',
        description:
          'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
      },
      metadata: {
        type: 'ObjectMeta',
        ref: 'ObjectMeta',
        description:
          "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      },
    },
  },
  LocalObjectReference: {
    description:
      'LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.',
    fields: {
      name: {
        type: 'string',
        description:
          'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      },
    },
  },
}
