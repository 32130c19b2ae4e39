import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const VOLUME_SOURCES: Record<string, TypeSchema> = {
  ConfigMapVolumeSource: {
    description:
      "Adapts a ConfigMap into a volume.\n\nThe contents of the target ConfigMap's Data field will be presented in a volume as files using the keys in the Data field as the file names, unless the items element is populated with specific mappings of keys to paths. ConfigMap volumes support ownership management and SELinux relabeling.",
    fields: {
      defaultMode: {
        type: 'integer',
        description:
          'defaultMode is optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.',
      },
      items: {
        type: '[]KeyToPath',
        ref: 'KeyToPath',
        description:
          "items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.",
      },
      name: {
        type: 'string',
        description:
          'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      },
      optional: {
        type: 'boolean',
        description: 'optional specify whether the ConfigMap or its keys must be defined',
      },
    },
  },
  SecretVolumeSource: {
    description:
      "Adapts a Secret into a volume.\n\nThe contents of the target Secret's Data field will be presented in a volume as files using the keys in the Data field as the file names. Secret volumes support ownership management and SELinux relabeling.",
    fields: {
      defaultMode: {
        type: 'integer',
        description:
          'defaultMode is Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.',
      },
      items: {
        type: '[]KeyToPath',
        ref: 'KeyToPath',
        description:
          "items If unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.",
      },
      optional: {
        type: 'boolean',
        description: 'optional field specify whether the Secret or its keys must be defined',
      },
      secretName: {
        type: 'string',
        description:
          "secretName is the name of the secret in the pod's namespace to use. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret",
      },
    },
  },
  KeyToPath: {
    description: 'Maps a string key to a path within a volume.',
    fields: {
      key: {
        type: 'string',
        required: true,
        description: 'key is the key to project.',
      },
      mode: {
        type: 'integer',
        description:
          'mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.',
      },
      path: {
        type: 'string',
        required: true,
        description:
          "path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'.",
      },
    },
  },
  EmptyDirVolumeSource: {
    description:
      'Represents an empty directory for a pod. Empty directory volumes support ownership management and SELinux relabeling.',
    fields: {
      medium: {
        type: 'string',
        description:
          'medium represents what type of storage medium should back this directory. The default is "" which means to use the node\'s default medium. Must be an empty string (default) or Memory. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir',
      },
      sizeLimit: {
        type: 'Quantity',
        ref: 'Quantity',
        description:
          'sizeLimit is the total amount of local storage required for this EmptyDir volume. The size limit is also applicable for memory medium. The maximum usage on memory medium EmptyDir would be the minimum value between the SizeLimit specified here and the sum of memory limits of all containers in a pod. The default is nil which means that the limit is undefined. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir',
      },
    },
  },
  HostPathVolumeSource: {
    description:
      'Represents a host path mapped into a pod. Host path volumes do not support ownership management or SELinux relabeling.',
    fields: {
      path: {
        type: 'string',
        required: true,
        description:
          'path of the directory on the host. If the path is a symlink, it will follow the link to the real path. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath',
      },
      type: {
        type: 'string',
        enum: [
          '',
          'BlockDevice',
          'CharDevice',
          'Directory',
          'DirectoryOrCreate',
          'File',
          'FileOrCreate',
          'Socket',
        ],
        description:
          'type for HostPath Volume Defaults to "" More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath\n\nPossible enum values:\n - `""` For backwards compatible, leave it empty if unset\n - `"BlockDevice"` A block device must exist at the given path\n - `"CharDevice"` A character device must exist at the given path\n - `"Directory"` A directory must exist at the given path\n - `"DirectoryOrCreate"` If nothing exists at the given path, an empty directory will be created there as needed with file mode 0755, having the same group and ownership with Kubelet.\n - `"File"` A file must exist at the given path\n - `"FileOrCreate"` If nothing exists at the given path, an empty file will be created there as needed with file mode 0644, having the same group and ownership with Kubelet.\n - `"Socket"` A UNIX socket must exist at the given path',
      },
    },
  },
  PersistentVolumeClaimVolumeSource: {
    description:
      "PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace. This volume finds the bound PV and mounts that volume for the pod. A PersistentVolumeClaimVolumeSource is, essentially, a wrapper around another type of volume that is owned by someone else (the system).",
    fields: {
      claimName: {
        type: 'string',
        required: true,
        description:
          'claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims',
      },
      readOnly: {
        type: 'boolean',
        description: 'readOnly Will force the ReadOnly setting in VolumeMounts. Default false.',
      },
    },
  },
  ProjectedVolumeSource: {
    description: 'Represents a projected volume source',
    fields: {
      defaultMode: {
        type: 'integer',
        description:
          'defaultMode are the mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.',
      },
      sources: {
        type: '[]VolumeProjection',
        ref: 'VolumeProjection',
        description:
          'sources is the list of volume projections. Each entry in this list handles one source.',
      },
    },
  },
  VolumeProjection: {
    description:
      'Projection that may be projected along with other supported volume types. Exactly one of these fields must be set.',
  },
  DownwardAPIVolumeSource: {
    description:
      'DownwardAPIVolumeSource represents a volume containing downward API info. Downward API volumes support ownership management and SELinux relabeling.',
    fields: {
      defaultMode: {
        type: 'integer',
        description:
          'Optional: mode bits to use on created files by default. Must be a Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.',
      },
      items: {
        type: '[]DownwardAPIVolumeFile',
        ref: 'DownwardAPIVolumeFile',
        description: 'Items is a list of downward API volume file',
      },
    },
  },
  DownwardAPIVolumeFile: {
    description:
      'DownwardAPIVolumeFile represents information to create the file containing the pod field',
    fields: {
      fieldRef: {
        type: 'ObjectFieldSelector',
        ref: 'ObjectFieldSelector',
        description:
          'Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.',
      },
      mode: {
        type: 'integer',
        description:
          'Optional: mode bits used to set permissions on this file, must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.',
      },
      path: {
        type: 'string',
        required: true,
        description:
          "Required: Path is  the relative path name of the file to be created. Must not be absolute or contain the '..' path. Must be utf-8 encoded. The first item of the relative path must not start with '..'",
      },
      resourceFieldRef: {
        type: 'ResourceFieldSelector',
        ref: 'ResourceFieldSelector',
        description:
          'Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported.',
      },
    },
  },
  CSIVolumeSource: {
    description:
      'Represents a source location of a volume to mount, managed by an external CSI driver',
    fields: {
      driver: {
        type: 'string',
        required: true,
        description:
          'driver is the name of the CSI driver that handles this volume. Consult with your admin for the correct name as registered in the cluster.',
      },
      fsType: {
        type: 'string',
        description:
          'fsType to mount. Ex. "ext4", "xfs", "ntfs". If not provided, the empty value is passed to the associated CSI driver which will determine the default filesystem to apply.',
      },
      nodePublishSecretRef: {
        type: 'LocalObjectReference',
        ref: 'LocalObjectReference',
        description:
          'nodePublishSecretRef is a reference to the secret object containing sensitive information to pass to the CSI driver to complete the CSI NodePublishVolume and NodeUnpublishVolume calls. This field is optional, and  may be empty if no secret is required. If the secret object contains more than one secret, all secret references are passed.',
      },
      readOnly: {
        type: 'boolean',
        description:
          'readOnly specifies a read-only configuration for the volume. Defaults to false (read/write).',
      },
      volumeAttributes: {
        type: 'map[string]string',
        description:
          "volumeAttributes stores driver-specific properties that are passed to the CSI driver. Consult your driver's documentation for supported values.",
      },
    },
  },
  EphemeralVolumeSource: {
    description: 'Represents an ephemeral volume that is handled by a normal storage driver.',
    fields: {
      volumeClaimTemplate: {
        type: 'PersistentVolumeClaimTemplate',
        ref: 'PersistentVolumeClaimTemplate',
        description:
          'Will be used to create a stand-alone PVC to provision the volume. The pod in which this EphemeralVolumeSource is embedded will be the owner of the PVC, i.e. the PVC will be deleted together with the pod.  The name of the PVC will be `<pod name>-<volume name>` where `<volume name>` is the name from the `PodSpec.Volumes` array entry. Pod validation will reject the pod if the concatenated name is not valid for a PVC (for example, too long).\n\nAn existing PVC with that name that is not owned by the pod will *not* be used for the pod to avoid using an unrelated volume by mistake. Starting the pod is then blocked until the unrelated PVC is removed. If such a pre-created PVC is meant to be used by the pod, the PVC has to updated with an owner reference to the pod once the pod exists. Normally this should not be necessary, but it may be useful when manually reconstructing a broken cluster.\n\nThis field is read-only and no changes will be made by Kubernetes to the PVC after it has been created.\n\nRequired, must not be nil.',
      },
    },
  },
  PersistentVolumeClaimTemplate: {
    description:
      'PersistentVolumeClaimTemplate is used to produce PersistentVolumeClaim objects as part of an EphemeralVolumeSource.',
  },
  NFSVolumeSource: {
    description:
      'Represents an NFS mount that lasts the lifetime of a pod. NFS volumes do not support ownership management or SELinux relabeling.',
    fields: {
      path: {
        type: 'string',
        required: true,
        description:
          'path that is exported by the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs',
      },
      readOnly: {
        type: 'boolean',
        description:
          'readOnly here will force the NFS export to be mounted with read-only permissions. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs',
      },
      server: {
        type: 'string',
        required: true,
        description:
          'server is the hostname or IP address of the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs',
      },
    },
  },
}
