import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const VOLUME_PLUGINS: Record<string, TypeSchema> = {
  AWSElasticBlockStoreVolumeSource: {
    description:
      'Represents a Persistent Disk resource in AWS.\n\nAn AWS EBS disk must exist before mounting to a container. The disk must also be in the same AWS zone as the kubelet. An AWS EBS disk can only be mounted as read/write once. AWS EBS volumes support ownership management and SELinux relabeling.',
  },
  AzureDiskVolumeSource: {
    description:
      'AzureDisk represents an Azure Data Disk mount on the host and bind mount to the pod.',
  },
  AzureFileVolumeSource: {
    description:
      'AzureFile represents an Azure File Service mount on the host and bind mount to the pod.',
  },
  CephFSVolumeSource: {
    description:
      'Represents a Ceph Filesystem mount that lasts the lifetime of a pod Cephfs volumes do not support ownership management or SELinux relabeling.',
  },
  CinderVolumeSource: {
    description:
      'Represents a cinder volume resource in Openstack. A Cinder volume must exist before mounting to a container. The volume must also be in the same region as the kubelet. Cinder volumes support ownership management and SELinux relabeling.',
  },
  FCVolumeSource: {
    description:
      'Represents a Fibre Channel volume. Fibre Channel volumes can only be mounted as read/write once. Fibre Channel volumes support ownership management and SELinux relabeling.',
  },
  FlexVolumeSource: {
    description:
      'FlexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin.',
  },
  FlockerVolumeSource: {
    description:
      'Represents a Flocker volume mounted by the Flocker agent. One and only one of datasetName and datasetUUID should be set. Flocker volumes do not support ownership management or SELinux relabeling.',
  },
  GCEPersistentDiskVolumeSource: {
    description:
      'Represents a Persistent Disk resource in Google Compute Engine.\n\nA GCE PD must exist before mounting to a container. The disk must also be in the same GCE project and zone as the kubelet. A GCE PD can only be mounted as read/write once or read-only many times. GCE PDs support ownership management and SELinux relabeling.',
  },
  GitRepoVolumeSource: {
    description:
      "Represents a volume that is populated with the contents of a git repository. Git repo volumes do not support ownership management. Git repo volumes support SELinux relabeling.\n\nDEPRECATED: GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir into an InitContainer that clones the repo using git, then mount the EmptyDir into the Pod's container.",
  },
  GlusterfsVolumeSource: {
    description:
      'Represents a Glusterfs mount that lasts the lifetime of a pod. Glusterfs volumes do not support ownership management or SELinux relabeling.',
  },
  ISCSIVolumeSource: {
    description:
      'Represents an ISCSI disk. ISCSI volumes can only be mounted as read/write once. ISCSI volumes support ownership management and SELinux relabeling.',
  },
  ImageVolumeSource: {
    description: 'ImageVolumeSource represents a image volume resource.',
  },
  PhotonPersistentDiskVolumeSource: {
    description: 'Represents a Photon Controller persistent disk resource.',
  },
  PortworxVolumeSource: {
    description: 'PortworxVolumeSource represents a Portworx volume resource.',
  },
  QuobyteVolumeSource: {
    description:
      'Represents a Quobyte mount that lasts the lifetime of a pod. Quobyte volumes do not support ownership management or SELinux relabeling.',
  },
  RBDVolumeSource: {
    description:
      'Represents a Rados Block Device mount that lasts the lifetime of a pod. RBD volumes support ownership management and SELinux relabeling.',
  },
  ScaleIOVolumeSource: {
    description: 'ScaleIOVolumeSource represents a persistent ScaleIO volume',
  },
  StorageOSVolumeSource: {
    description: 'Represents a StorageOS persistent volume resource.',
  },
  VsphereVirtualDiskVolumeSource: {
    description: 'Represents a vSphere volume resource.',
  },
}
