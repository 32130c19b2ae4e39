import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const ENV: Record<string, TypeSchema> = {
  EnvVar: {
    description: 'EnvVar represents an environment variable present in a Container.',
    fields: {
      name: {
        type: 'string',
        required: true,
        description: 'Name of the environment variable. Must be a C_IDENTIFIER.',
      },
      value: {
        type: 'string',
        description:
          'Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to "".',
      },
      valueFrom: {
        type: 'EnvVarSource',
        ref: 'EnvVarSource',
        description:
          "Source for the environment variable's value. Cannot be used if value is not empty.",
      },
    },
  },
  EnvVarSource: {
    description: 'EnvVarSource represents a source for the value of an EnvVar.',
    fields: {
      configMapKeyRef: {
        type: 'ConfigMapKeySelector',
        ref: 'ConfigMapKeySelector',
        description: 'Selects a key of a ConfigMap.',
      },
      fieldRef: {
        type: 'ObjectFieldSelector',
        ref: 'ObjectFieldSelector',
        description:
          "Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.",
      },
      resourceFieldRef: {
        type: 'ResourceFieldSelector',
        ref: 'ResourceFieldSelector',
        description:
          'Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.',
      },
      secretKeyRef: {
        type: 'SecretKeySelector',
        ref: 'SecretKeySelector',
        description: "Selects a key of a secret in the pod's namespace",
      },
    },
  },
  ObjectFieldSelector: {
    description: 'ObjectFieldSelector selects an APIVersioned field of an object.',
    fields: {
      apiVersion: {
        type: 'string',
        description:
          'Version of the schema the FieldPath is written in terms of, defaults to "v1".',
      },
      fieldPath: {
        type: 'string',
        required: true,
        description: 'Path of the field to select in the specified API version.',
      },
    },
  },
  ResourceFieldSelector: {
    description:
      'ResourceFieldSelector represents container resources (cpu, memory) and their output format',
    fields: {
      containerName: {
        type: 'string',
        description: 'Container name: required for volumes, optional for env vars',
      },
      divisor: {
        type: 'Quantity',
        ref: 'Quantity',
        description: 'Specifies the output format of the exposed resources, defaults to "1"',
      },
      resource: {
        type: 'string',
        required: true,
        description: 'Required: resource to select',
      },
    },
  },
  ConfigMapKeySelector: {
    description: 'Selects a key from a ConfigMap.',
    fields: {
      key: {
        type: 'string',
        required: true,
        description: 'The key to select.',
      },
      name: {
        type: 'string',
        description:
          'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      },
      optional: {
        type: 'boolean',
        description: 'Specify whether the ConfigMap or its key must be defined',
      },
    },
  },
  SecretKeySelector: {
    description: 'SecretKeySelector selects a key of a Secret.',
    fields: {
      key: {
        type: 'string',
        required: true,
        description: 'The key of the secret to select from.  Must be a valid secret key.',
      },
      name: {
        type: 'string',
        description:
          'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      },
      optional: {
        type: 'boolean',
        description: 'Specify whether the Secret or its key must be defined',
      },
    },
  },
  EnvFromSource: {
    description: 'EnvFromSource represents the source of a set of ConfigMaps',
    fields: {
      configMapRef: {
        type: 'ConfigMapEnvSource',
        ref: 'ConfigMapEnvSource',
        description: 'The ConfigMap to select from',
      },
      prefix: {
        type: 'string',
        description:
          'An optional identifier to prepend to each key in the ConfigMap. Must be a C_IDENTIFIER.',
      },
      secretRef: {
        type: 'SecretEnvSource',
        ref: 'SecretEnvSource',
        description: 'The Secret to select from',
      },
    },
  },
  ConfigMapEnvSource: {
    description:
      "ConfigMapEnvSource selects a ConfigMap to populate the environment variables with.\n\nThe contents of the target ConfigMap's Data field will represent the key-value pairs as environment variables.",
    fields: {
      name: {
        type: 'string',
        description:
          'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      },
      optional: {
        type: 'boolean',
        description: 'Specify whether the ConfigMap must be defined',
      },
    },
  },
  SecretEnvSource: {
    description:
      "SecretEnvSource selects a Secret to populate the environment variables with.\n\nThe contents of the target Secret's Data field will represent the key-value pairs as environment variables.",
    fields: {
      name: {
        type: 'string',
        description:
          'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      },
      optional: {
        type: 'boolean',
        description: 'Specify whether the Secret must be defined',
      },
    },
  },
}
