import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const VOLUME: Record<string, TypeSchema> = {
  Volume: {
    description:
      'Volume represents a named volume in a pod that may be accessed by any container in the pod.',
    fields: {
      awsElasticBlockStore: {
        type: 'AWSElasticBlockStoreVolumeSource',
        ref: 'AWSElasticBlockStoreVolumeSource',
        description:
          "awsElasticBlockStore represents an AWS Disk resource that is attached to a kubelet's host machine and then exposed to the pod. Deprecated: AWSElasticBlockStore is deprecated. All operations for the in-tree awsElasticBlockStore type are redirected to the ebs.csi.aws.com CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore",
      },
      azureDisk: {
        type: 'AzureDiskVolumeSource',
        ref: 'AzureDiskVolumeSource',
        description:
          'azureDisk represents an Azure Data Disk mount on the host and bind mount to the pod. Deprecated: AzureDisk is deprecated. All operations for the in-tree azureDisk type are redirected to the disk.csi.azure.com CSI driver.',
      },
      azureFile: {
        type: 'AzureFileVolumeSource',
        ref: 'AzureFileVolumeSource',
        description:
          'azureFile represents an Azure File Service mount on the host and bind mount to the pod. Deprecated: AzureFile is deprecated. All operations for the in-tree azureFile type are redirected to the file.csi.azure.com CSI driver.',
      },
      cephfs: {
        type: 'CephFSVolumeSource',
        ref: 'CephFSVolumeSource',
        description:
          "cephFS represents a Ceph FS mount on the host that shares a pod's lifetime. Deprecated: CephFS is deprecated and the in-tree cephfs type is no longer supported.",
      },
      cinder: {
        type: 'CinderVolumeSource',
        ref: 'CinderVolumeSource',
        description:
          'cinder represents a cinder volume attached and mounted on kubelets host machine. Deprecated: Cinder is deprecated. All operations for the in-tree cinder type are redirected to the cinder.csi.openstack.org CSI driver. More info: https://examples.k8s.io/mysql-cinder-pd/README.md',
      },
      configMap: {
        type: 'ConfigMapVolumeSource',
        ref: 'ConfigMapVolumeSource',
        description: 'configMap represents a configMap that should populate this volume',
      },
      csi: {
        type: 'CSIVolumeSource',
        ref: 'CSIVolumeSource',
        description:
          'csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers.',
      },
      downwardAPI: {
        type: 'DownwardAPIVolumeSource',
        ref: 'DownwardAPIVolumeSource',
        description:
          'downwardAPI represents downward API about the pod that should populate this volume',
      },
      emptyDir: {
        type: 'EmptyDirVolumeSource',
        ref: 'EmptyDirVolumeSource',
        description:
          "emptyDir represents a temporary directory that shares a pod's lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir",
      },
      ephemeral: {
        type: 'EphemeralVolumeSource',
        ref: 'EphemeralVolumeSource',
        description:
          "ephemeral represents a volume that is handled by a cluster storage driver. The volume's lifecycle is tied to the pod that defines it - it will be created before the pod starts, and deleted when the pod is removed.\n\nUse this if: a) the volume is only needed while the pod runs, b) features of normal volumes like restoring from snapshot or capacity\n   tracking are needed,\nc) the storage driver is specified through a storage class, and d) the storage driver supports dynamic volume provisioning through\n   a PersistentVolumeClaim (see EphemeralVolumeSource for more\n   information on the connection between this volume type\n   and PersistentVolumeClaim).\n\nUse PersistentVolumeClaim or one of the vendor-specific APIs for volumes that persist for longer than the lifecycle of an individual pod.\n\nUse CSI for light-weight local ephemeral volumes if the CSI driver is meant to be used that way - see the documentation of the driver for more information.\n\nA pod can use both types of ephemeral volumes and persistent volumes at the same time.",
      },
      fc: {
        type: 'FCVolumeSource',
        ref: 'FCVolumeSource',
        description:
          "fc represents a Fibre Channel resource that is attached to a kubelet's host machine and then exposed to the pod.",
      },
      flexVolume: {
        type: 'FlexVolumeSource',
        ref: 'FlexVolumeSource',
        description:
          'flexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin. Deprecated: FlexVolume is deprecated. Consider using a CSIDriver instead.',
      },
      flocker: {
        type: 'FlockerVolumeSource',
        ref: 'FlockerVolumeSource',
        description:
          "flocker represents a Flocker volume attached to a kubelet's host machine. This depends on the Flocker control service being running. Deprecated: Flocker is deprecated and the in-tree flocker type is no longer supported.",
      },
      gcePersistentDisk: {
        type: 'GCEPersistentDiskVolumeSource',
        ref: 'GCEPersistentDiskVolumeSource',
        description:
          "gcePersistentDisk represents a GCE Disk resource that is attached to a kubelet's host machine and then exposed to the pod. Deprecated: GCEPersistentDisk is deprecated. All operations for the in-tree gcePersistentDisk type are redirected to the pd.csi.storage.gke.io CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk",
      },
      gitRepo: {
        type: 'GitRepoVolumeSource',
        ref: 'GitRepoVolumeSource',
        description:
          "gitRepo represents a git repository at a particular revision. Deprecated: GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir into an InitContainer that clones the repo using git, then mount the EmptyDir into the Pod's container.",
      },
      glusterfs: {
        type: 'GlusterfsVolumeSource',
        ref: 'GlusterfsVolumeSource',
        description:
          "glusterfs represents a Glusterfs mount on the host that shares a pod's lifetime. Deprecated: Glusterfs is deprecated and the in-tree glusterfs type is no longer supported. More info: https://examples.k8s.io/volumes/glusterfs/README.md",
      },
      hostPath: {
        type: 'HostPathVolumeSource',
        ref: 'HostPathVolumeSource',
        description:
          'hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. This is generally used for system agents or other privileged things that are allowed to see the host machine. Most containers will NOT need this. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath',
      },
      image: {
        type: 'ImageVolumeSource',
        ref: 'ImageVolumeSource',
        description:
          "image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided:\n\n- Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. - Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. - IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails.\n\nThe volume gets re-resolved if the pod gets deleted and recreated, which means that new remote content will become available on pod recreation. A failure to resolve or pull the image during pod startup will block containers from starting and may add significant latency. Failures will be retried using normal volume backoff and will be reported on the pod reason and message. The types of objects that may be mounted by this volume are defined by the container runtime implementation on a host machine and at minimum must include all valid types supported by the container image field. The OCI object gets mounted in a single directory (spec.containers[*].volumeMounts.mountPath) by merging the manifest layers in the same way as for container images. The volume will be mounted read-only (ro) and non-executable files (noexec). Sub path mounts for containers are not supported (spec.containers[*].volumeMounts.subpath). The field spec.securityContext.fsGroupChangePolicy has no effect on this volume type.",
      },
      iscsi: {
        type: 'ISCSIVolumeSource',
        ref: 'ISCSIVolumeSource',
        description:
          "iscsi represents an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod. More info: https://examples.k8s.io/volumes/iscsi/README.md",
      },
      name: {
        type: 'string',
        required: true,
        description:
          'name of the volume. Must be a DNS_LABEL and unique within the pod. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      },
      nfs: {
        type: 'NFSVolumeSource',
        ref: 'NFSVolumeSource',
        description:
          "nfs represents an NFS mount on the host that shares a pod's lifetime More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs",
      },
      persistentVolumeClaim: {
        type: 'PersistentVolumeClaimVolumeSource',
        ref: 'PersistentVolumeClaimVolumeSource',
        description:
          'persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims',
      },
      photonPersistentDisk: {
        type: 'PhotonPersistentDiskVolumeSource',
        ref: 'PhotonPersistentDiskVolumeSource',
        description:
          'photonPersistentDisk represents a PhotonController persistent disk attached and mounted on kubelets host machine. Deprecated: PhotonPersistentDisk is deprecated and the in-tree photonPersistentDisk type is no longer supported.',
      },
      portworxVolume: {
        type: 'PortworxVolumeSource',
        ref: 'PortworxVolumeSource',
        description:
          'portworxVolume represents a portworx volume attached and mounted on kubelets host machine. Deprecated: PortworxVolume is deprecated. All operations for the in-tree portworxVolume type are redirected to the pxd.portworx.com CSI driver when the CSIMigrationPortworx feature-gate is on.',
      },
      projected: {
        type: 'ProjectedVolumeSource',
        ref: 'ProjectedVolumeSource',
        description:
          'projected items for all in one resources secrets, configmaps, and downward API',
      },
      quobyte: {
        type: 'QuobyteVolumeSource',
        ref: 'QuobyteVolumeSource',
        description:
          "quobyte represents a Quobyte mount on the host that shares a pod's lifetime. Deprecated: Quobyte is deprecated and the in-tree quobyte type is no longer supported.",
      },
      rbd: {
        type: 'RBDVolumeSource',
        ref: 'RBDVolumeSource',
        description:
          "rbd represents a Rados Block Device mount on the host that shares a pod's lifetime. Deprecated: RBD is deprecated and the in-tree rbd type is no longer supported. More info: https://examples.k8s.io/volumes/rbd/README.md",
      },
      scaleIO: {
        type: 'ScaleIOVolumeSource',
        ref: 'ScaleIOVolumeSource',
        description:
          'scaleIO represents a ScaleIO persistent volume attached and mounted on Kubernetes nodes. Deprecated: ScaleIO is deprecated and the in-tree scaleIO type is no longer supported.',
      },
      secret: {
        type: 'SecretVolumeSource',
        ref: 'SecretVolumeSource',
        description:
          'secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret',
      },
      storageos: {
        type: 'StorageOSVolumeSource',
        ref: 'StorageOSVolumeSource',
        description:
          'storageOS represents a StorageOS volume attached and mounted on Kubernetes nodes. Deprecated: StorageOS is deprecated and the in-tree storageos type is no longer supported.',
      },
      vsphereVolume: {
        type: 'VsphereVirtualDiskVolumeSource',
        ref: 'VsphereVirtualDiskVolumeSource',
        description:
          'vsphereVolume represents a vSphere volume attached and mounted on kubelets host machine. Deprecated: VsphereVolume is deprecated. All operations for the in-tree vsphereVolume type are redirected to the csi.vsphere.vmware.com CSI driver.',
      },
    },
  },
  VolumeMount: {
    description: 'VolumeMount describes a mounting of a Volume within a container.',
    fields: {
      mountPath: {
        type: 'string',
        required: true,
        description:
          "Path within the container at which the volume should be mounted.  Must not contain ':'.",
      },
      mountPropagation: {
        type: 'string',
        enum: ['Bidirectional', 'HostToContainer', 'None'],
        description:
          'mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used. This field is beta in 1.10. When RecursiveReadOnly is set to IfPossible or to Enabled, MountPropagation must be None or unspecified (which defaults to None).\n\nPossible enum values:\n - `"Bidirectional"` means that the volume in a container will receive new mounts from the host or other containers, and its own mounts will be propagated from the container to the host or other containers. Note that this mode is recursively applied to all mounts in the volume ("rshared" in Linux terminology).\n - `"HostToContainer"` means that the volume in a container will receive new mounts from the host or other containers, but filesystems mounted inside the container won\'t be propagated to the host or other containers. Note that this mode is recursively applied to all mounts in the volume ("rslave" in Linux terminology).\n - `"None"` means that the volume in a container will not receive new mounts from the host or other containers, and filesystems mounted inside the container won\'t be propagated to the host or other containers. Note that this mode corresponds to "private" in Linux terminology.',
      },
      name: {
        type: 'string',
        required: true,
        description: 'This must match the Name of a Volume.',
      },
      readOnly: {
        type: 'boolean',
        description:
          'Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.',
      },
      recursiveReadOnly: {
        type: 'string',
        description:
          'RecursiveReadOnly specifies whether read-only mounts should be handled recursively.\n\nIf ReadOnly is false, this field has no meaning and must be unspecified.\n\nIf ReadOnly is true, and this field is set to Disabled, the mount is not made recursively read-only.  If this field is set to IfPossible, the mount is made recursively read-only, if it is supported by the container runtime.  If this field is set to Enabled, the mount is made recursively read-only if it is supported by the container runtime, otherwise the pod will not be started and an error will be generated to indicate the reason.\n\nIf this field is set to IfPossible or Enabled, MountPropagation must be set to None (or be unspecified, which defaults to None).\n\nIf this field is not specified, it is treated as an equivalent of Disabled.',
      },
      subPath: {
        type: 'string',
        description:
          'Path within the volume from which the container\'s volume should be mounted. Defaults to "" (volume\'s root).',
      },
      subPathExpr: {
        type: 'string',
        description:
          "Expanded path within the volume from which the container's volume should be mounted. Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container's environment. Defaults to \"\" (volume's root). SubPathExpr and SubPath are mutually exclusive.",
      },
    },
  },
  VolumeDevice: {
    description: 'volumeDevice describes a mapping of a raw block device within a container.',
    fields: {
      devicePath: {
        type: 'string',
        required: true,
        description:
          'devicePath is the path inside of the container that the device will be mapped to.',
      },
      name: {
        type: 'string',
        required: true,
        description: 'name must match the name of a persistentVolumeClaim in the pod',
      },
    },
  },
}
