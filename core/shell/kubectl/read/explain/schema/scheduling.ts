import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const SCHEDULING: Record<string, TypeSchema> = {
  Affinity: {
    description: 'Affinity is a group of affinity scheduling rules.',
    fields: {
      nodeAffinity: {
        type: 'NodeAffinity',
        ref: 'NodeAffinity',
        description: 'Describes node affinity scheduling rules for the pod.',
      },
      podAffinity: {
        type: 'PodAffinity',
        ref: 'PodAffinity',
        description:
          'Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).',
      },
      podAntiAffinity: {
        type: 'PodAntiAffinity',
        ref: 'PodAntiAffinity',
        description:
          'Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).',
      },
    },
  },
  NodeAffinity: {
    description: 'Node affinity is a group of node affinity scheduling rules.',
    fields: {
      preferredDuringSchedulingIgnoredDuringExecution: {
        type: '[]PreferredSchedulingTerm',
        ref: 'PreferredSchedulingTerm',
        description:
          'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node matches the corresponding matchExpressions; the node(s) with the highest sum are the most preferred.',
      },
      requiredDuringSchedulingIgnoredDuringExecution: {
        type: 'NodeSelector',
        ref: 'NodeSelector',
        description:
          'If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to an update), the system may or may not try to eventually evict the pod from its node.',
      },
    },
  },
  PodAffinity: {
    description: 'Pod affinity is a group of inter pod affinity scheduling rules.',
    fields: {
      preferredDuringSchedulingIgnoredDuringExecution: {
        type: '[]WeightedPodAffinityTerm',
        ref: 'WeightedPodAffinityTerm',
        description:
          'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.',
      },
      requiredDuringSchedulingIgnoredDuringExecution: {
        type: '[]PodAffinityTerm',
        ref: 'PodAffinityTerm',
        description:
          'If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.',
      },
    },
  },
  PodAntiAffinity: {
    description: 'Pod anti affinity is a group of inter pod anti affinity scheduling rules.',
    fields: {
      preferredDuringSchedulingIgnoredDuringExecution: {
        type: '[]WeightedPodAffinityTerm',
        ref: 'WeightedPodAffinityTerm',
        description:
          'The scheduler will prefer to schedule pods to nodes that satisfy the anti-affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling anti-affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.',
      },
      requiredDuringSchedulingIgnoredDuringExecution: {
        type: '[]PodAffinityTerm',
        ref: 'PodAffinityTerm',
        description:
          'If the anti-affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the anti-affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.',
      },
    },
  },
  PodAffinityTerm: {
    description:
      'Defines a set of pods (namely those matching the labelSelector relative to the given namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity) with, where co-located is defined as running on a node whose value of the label with key <topologyKey> matches that of any node on which a pod of the set of pods is running',
    fields: {
      labelSelector: {
        type: 'LabelSelector',
        ref: 'LabelSelector',
        description:
          "A label query over a set of resources, in this case pods. If it's null, this PodAffinityTerm matches with no Pods.",
      },
      matchLabelKeys: {
        type: '[]string',
        description:
          "MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key in (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn't set. This is a beta field and requires enabling MatchLabelKeysInPodAffinity feature gate (enabled by default).",
      },
      mismatchLabelKeys: {
        type: '[]string',
        description:
          "MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key notin (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn't set. This is a beta field and requires enabling MatchLabelKeysInPodAffinity feature gate (enabled by default).",
      },
      namespaceSelector: {
        type: 'LabelSelector',
        ref: 'LabelSelector',
        description:
          'A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means "this pod\'s namespace". An empty selector ({}) matches all namespaces.',
      },
      namespaces: {
        type: '[]string',
        description:
          'namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means "this pod\'s namespace".',
      },
      topologyKey: {
        type: 'string',
        required: true,
        description:
          'This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed.',
      },
    },
  },
  WeightedPodAffinityTerm: {
    description:
      'The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s)',
    fields: {
      podAffinityTerm: {
        type: 'PodAffinityTerm',
        required: true,
        ref: 'PodAffinityTerm',
        description: 'Required. A pod affinity term, associated with the corresponding weight.',
      },
      weight: {
        type: 'integer',
        required: true,
        description:
          'weight associated with matching the corresponding podAffinityTerm, in the range 1-100.',
      },
    },
  },
  NodeSelector: {
    description:
      'A node selector represents the union of the results of one or more label queries over a set of nodes; that is, it represents the OR of the selectors represented by the node selector terms.',
    fields: {
      nodeSelectorTerms: {
        type: '[]NodeSelectorTerm',
        required: true,
        ref: 'NodeSelectorTerm',
        description: 'Required. A list of node selector terms. The terms are ORed.',
      },
    },
  },
  NodeSelectorTerm: {
    description:
      'A null or empty node selector term matches no objects. The requirements of them are ANDed. The TopologySelectorTerm type implements a subset of the NodeSelectorTerm.',
    fields: {
      matchExpressions: {
        type: '[]NodeSelectorRequirement',
        ref: 'NodeSelectorRequirement',
        description: "A list of node selector requirements by node's labels.",
      },
      matchFields: {
        type: '[]NodeSelectorRequirement',
        ref: 'NodeSelectorRequirement',
        description: "A list of node selector requirements by node's fields.",
      },
    },
  },
  NodeSelectorRequirement: {
    description:
      'A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.',
    fields: {
      key: {
        type: 'string',
        required: true,
        description: 'The label key that the selector applies to.',
      },
      operator: {
        type: 'string',
        required: true,
        enum: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'],
        description:
          'Represents a key\'s relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.\n\nPossible enum values:\n - `"DoesNotExist"`\n - `"Exists"`\n - `"Gt"`\n - `"In"`\n - `"Lt"`\n - `"NotIn"`',
      },
      values: {
        type: '[]string',
        description:
          'An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.',
      },
    },
  },
  PreferredSchedulingTerm: {
    description:
      "An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. it's a no-op). A null preferred scheduling term matches no objects (i.e. is also a no-op).",
    fields: {
      preference: {
        type: 'NodeSelectorTerm',
        required: true,
        ref: 'NodeSelectorTerm',
        description: 'A node selector term, associated with the corresponding weight.',
      },
      weight: {
        type: 'integer',
        required: true,
        description:
          'Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.',
      },
    },
  },
  Toleration: {
    description:
      'The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.',
    fields: {
      effect: {
        type: 'string',
        enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
        description:
          'Effect indicates the taint effect to match. Empty means match all taint effects. When specified, allowed values are NoSchedule, PreferNoSchedule and NoExecute.\n\nPossible enum values:\n - `"NoExecute"` Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.\n - `"NoSchedule"` Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.\n - `"PreferNoSchedule"` Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.',
      },
      key: {
        type: 'string',
        description:
          'Key is the taint key that the toleration applies to. Empty means match all taint keys. If the key is empty, operator must be Exists; this combination means to match all values and all keys.',
      },
      operator: {
        type: 'string',
        enum: ['Equal', 'Exists'],
        description:
          'Operator represents a key\'s relationship to the value. Valid operators are Exists and Equal. Defaults to Equal. Exists is equivalent to wildcard for value, so that a pod can tolerate all taints of a particular category.\n\nPossible enum values:\n - `"Equal"`\n - `"Exists"`',
      },
      tolerationSeconds: {
        type: 'integer',
        description:
          'TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint. By default, it is not set, which means tolerate the taint forever (do not evict). Zero and negative values will be treated as 0 (evict immediately) by the system.',
      },
      value: {
        type: 'string',
        description:
          'Value is the taint value the toleration matches to. If the operator is Exists, the value should be empty, otherwise just a regular string.',
      },
    },
  },
  Taint: {
    description:
      'The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.',
    fields: {
      effect: {
        type: 'string',
        required: true,
        enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
        description:
          'Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.\n\nPossible enum values:\n - `"NoExecute"` Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.\n - `"NoSchedule"` Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.\n - `"PreferNoSchedule"` Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.',
      },
      key: {
        type: 'string',
        required: true,
        description: 'Required. The taint key to be applied to a node.',
      },
      timeAdded: {
        type: 'string',
        ref: 'Time',
        description:
          'TimeAdded represents the time at which the taint was added. It is only written for NoExecute taints.',
      },
      value: {
        type: 'string',
        description: 'The taint value corresponding to the taint key.',
      },
    },
  },
}
