import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const SECURITY: Record<string, TypeSchema> = {
  SecurityContext: {
    description:
      'SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence.',
    fields: {
      allowPrivilegeEscalation: {
        type: 'boolean',
        description:
          'AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process. AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN Note that this field cannot be set when spec.os.name is windows.',
      },
      appArmorProfile: {
        type: 'AppArmorProfile',
        ref: 'AppArmorProfile',
        description:
          "appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod's appArmorProfile. Note that this field cannot be set when spec.os.name is windows.",
      },
      capabilities: {
        type: 'Capabilities',
        ref: 'Capabilities',
        description:
          'The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime. Note that this field cannot be set when spec.os.name is windows.',
      },
      privileged: {
        type: 'boolean',
        description:
          'Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false. Note that this field cannot be set when spec.os.name is windows.',
      },
      procMount: {
        type: 'string',
        enum: ['Default', 'Unmasked'],
        description:
          'procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths. This requires the ProcMountType feature flag to be enabled. Note that this field cannot be set when spec.os.name is windows.\n\nPossible enum values:\n - `"Default"` uses the container runtime defaults for readonly and masked paths for /proc. Most container runtimes mask certain paths in /proc to avoid accidental security exposure of special devices or information.\n - `"Unmasked"` bypasses the default masking behavior of the container runtime and ensures the newly created /proc the container stays in tact with no modifications.',
      },
      readOnlyRootFilesystem: {
        type: 'boolean',
        description:
          'Whether this container has a read-only root filesystem. Default is false. Note that this field cannot be set when spec.os.name is windows.',
      },
      runAsGroup: {
        type: 'integer',
        description:
          'The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.',
      },
      runAsNonRoot: {
        type: 'boolean',
        description:
          'Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.',
      },
      runAsUser: {
        type: 'integer',
        description:
          'The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.',
      },
      seLinuxOptions: {
        type: 'SELinuxOptions',
        ref: 'SELinuxOptions',
        description:
          'The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.',
      },
      seccompProfile: {
        type: 'SeccompProfile',
        ref: 'SeccompProfile',
        description:
          'The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options. Note that this field cannot be set when spec.os.name is windows.',
      },
      windowsOptions: {
        type: 'WindowsSecurityContextOptions',
        ref: 'WindowsSecurityContextOptions',
        description:
          'The Windows specific settings applied to all containers. If unspecified, the options from the PodSecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.',
      },
    },
  },
  PodSecurityContext: {
    description:
      'PodSecurityContext holds pod-level security attributes and common container settings. Some fields are also present in container.securityContext.  Field values of container.securityContext take precedence over field values of PodSecurityContext.',
    fields: {
      appArmorProfile: {
        type: 'AppArmorProfile',
        ref: 'AppArmorProfile',
        description:
          'appArmorProfile is the AppArmor options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows.',
      },
      fsGroup: {
        type: 'integer',
        description:
          "A special supplemental group that applies to all containers in a pod. Some volume types allow the Kubelet to change the ownership of that volume to be owned by the pod:\n\n1. The owning GID will be the FSGroup 2. The setgid bit is set (new files created in the volume will be owned by FSGroup) 3. The permission bits are OR'd with rw-rw----\n\nIf unset, the Kubelet will not modify the ownership and permissions of any volume. Note that this field cannot be set when spec.os.name is windows.",
      },
      fsGroupChangePolicy: {
        type: 'string',
        enum: ['Always', 'OnRootMismatch'],
        description:
          'fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod. This field will only apply to volume types which support fsGroup based ownership(and permissions). It will have no effect on ephemeral volume types such as: secret, configmaps and emptydir. Valid values are "OnRootMismatch" and "Always". If not specified, "Always" is used. Note that this field cannot be set when spec.os.name is windows.\n\nPossible enum values:\n - `"Always"` indicates that volume\'s ownership and permissions should always be changed whenever volume is mounted inside a Pod. This the default behavior.\n - `"OnRootMismatch"` indicates that volume\'s ownership and permissions will be changed only when permission and ownership of root directory does not match with expected permissions on the volume. This can help shorten the time it takes to change ownership and permissions of a volume.',
      },
      runAsGroup: {
        type: 'integer',
        description:
          'The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.',
      },
      runAsNonRoot: {
        type: 'boolean',
        description:
          'Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.',
      },
      runAsUser: {
        type: 'integer',
        description:
          'The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.',
      },
      seLinuxChangePolicy: {
        type: 'string',
        description:
          'seLinuxChangePolicy defines how the container\'s SELinux label is applied to all volumes used by the Pod. It has no effect on nodes that do not support SELinux or to volumes does not support SELinux. Valid values are "MountOption" and "Recursive".\n\n"Recursive" means relabeling of all files on all Pod volumes by the container runtime. This may be slow for large volumes, but allows mixing privileged and unprivileged Pods sharing the same volume on the same node.\n\n"MountOption" mounts all eligible Pod volumes with `-o context` mount option. This requires all Pods that share the same volume to use the same SELinux label. It is not possible to share the same volume among privileged and unprivileged Pods. Eligible volumes are in-tree FibreChannel and iSCSI volumes, and all CSI volumes whose CSI driver announces SELinux support by setting spec.seLinuxMount: true in their CSIDriver instance. Other volumes are always re-labelled recursively. "MountOption" value is allowed only when SELinuxMount feature gate is enabled.\n\nIf not specified and SELinuxMount feature gate is enabled, "MountOption" is used. If not specified and SELinuxMount feature gate is disabled, "MountOption" is used for ReadWriteOncePod volumes and "Recursive" for all other volumes.\n\nThis field affects only Pods that have SELinux label set, either in PodSecurityContext or in SecurityContext of all containers.\n\nAll Pods that use the same volume should use the same seLinuxChangePolicy, otherwise some pods can get stuck in ContainerCreating state. Note that this field cannot be set when spec.os.name is windows.',
      },
      seLinuxOptions: {
        type: 'SELinuxOptions',
        ref: 'SELinuxOptions',
        description:
          'The SELinux context to be applied to all containers. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.',
      },
      seccompProfile: {
        type: 'SeccompProfile',
        ref: 'SeccompProfile',
        description:
          'The seccomp options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows.',
      },
      supplementalGroups: {
        type: '[]integer',
        description:
          "A list of groups applied to the first process run in each container, in addition to the container's primary GID and fsGroup (if specified).  If the SupplementalGroupsPolicy feature is enabled, the supplementalGroupsPolicy field determines whether these are in addition to or instead of any group memberships defined in the container image. If unspecified, no additional groups are added, though group memberships defined in the container image may still be used, depending on the supplementalGroupsPolicy field. Note that this field cannot be set when spec.os.name is windows.",
      },
      supplementalGroupsPolicy: {
        type: 'string',
        enum: ['Merge', 'Strict'],
        description:
          'Defines how supplemental groups of the first container processes are calculated. Valid values are "Merge" and "Strict". If not specified, "Merge" is used. (Alpha) Using the field requires the SupplementalGroupsPolicy feature gate to be enabled and the container runtime must implement support for this feature. Note that this field cannot be set when spec.os.name is windows.\n\nPossible enum values:\n - `"Merge"` means that the container\'s provided SupplementalGroups and FsGroup (specified in SecurityContext) will be merged with the primary user\'s groups as defined in the container image (in /etc/group).\n - `"Strict"` means that the container\'s provided SupplementalGroups and FsGroup (specified in SecurityContext) will be used instead of any groups defined in the container image.',
      },
      sysctls: {
        type: '[]Sysctl',
        ref: 'Sysctl',
        description:
          'Sysctls hold a list of namespaced sysctls used for the pod. Pods with unsupported sysctls (by the container runtime) might fail to launch. Note that this field cannot be set when spec.os.name is windows.',
      },
      windowsOptions: {
        type: 'WindowsSecurityContextOptions',
        ref: 'WindowsSecurityContextOptions',
        description:
          "The Windows specific settings applied to all containers. If unspecified, the options within a container's SecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.",
      },
    },
  },
  Capabilities: {
    description: 'Adds and removes POSIX capabilities from running containers.',
    fields: {
      add: {
        type: '[]string',
        description: 'Added capabilities',
      },
      drop: {
        type: '[]string',
        description: 'Removed capabilities',
      },
    },
  },
  SELinuxOptions: {
    description: 'SELinuxOptions are the labels to be applied to the container',
    fields: {
      level: {
        type: 'string',
        description: 'Level is SELinux level label that applies to the container.',
      },
      role: {
        type: 'string',
        description: 'Role is a SELinux role label that applies to the container.',
      },
      type: {
        type: 'string',
        description: 'Type is a SELinux type label that applies to the container.',
      },
      user: {
        type: 'string',
        description: 'User is a SELinux user label that applies to the container.',
      },
    },
  },
  SeccompProfile: {
    description:
      "SeccompProfile defines a pod/container's seccomp profile settings. Only one profile source may be set.",
    fields: {
      localhostProfile: {
        type: 'string',
        description:
          'localhostProfile indicates a profile defined in a file on the node should be used. The profile must be preconfigured on the node to work. Must be a descending path, relative to the kubelet\'s configured seccomp profile location. Must be set if type is "Localhost". Must NOT be set for any other type.',
      },
      type: {
        type: 'string',
        required: true,
        enum: ['Localhost', 'RuntimeDefault', 'Unconfined'],
        description:
          'type indicates which kind of seccomp profile will be applied. Valid options are:\n\nLocalhost - a profile defined in a file on the node should be used. RuntimeDefault - the container runtime default profile should be used. Unconfined - no profile should be applied.\n\nPossible enum values:\n - `"Localhost"` indicates a profile defined in a file on the node should be used. The file\'s location relative to <kubelet-root-dir>/seccomp.\n - `"RuntimeDefault"` represents the default container runtime seccomp profile.\n - `"Unconfined"` indicates no seccomp profile is applied (A.K.A. unconfined).',
      },
    },
  },
  Sysctl: {
    description: 'Sysctl defines a kernel parameter to be set',
    fields: {
      name: {
        type: 'string',
        required: true,
        description: 'Name of a property to set',
      },
      value: {
        type: 'string',
        required: true,
        description: 'Value of a property to set',
      },
    },
  },
  WindowsSecurityContextOptions: {
    description: 'WindowsSecurityContextOptions contain Windows-specific options and credentials.',
  },
  AppArmorProfile: {
    description: "AppArmorProfile defines a pod or container's AppArmor settings.",
  },
}
