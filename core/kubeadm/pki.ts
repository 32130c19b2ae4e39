/**
 * The contents of the cluster's certificates and keys: placeholders, the same wherever a file
 * or a ConfigMap holds them (a learner who compares kube-root-ca.crt with /etc/kubernetes/pki/
 * ca.crt finds the same text, as in a real cluster). No cryptography runs in the lab.
 */
export function placeholderPem(type: string, name: string): string {
  return `-----BEGIN ${type}-----\n(KubeLab: ${name} is not a real key; no cryptography runs in the lab)\n-----END ${type}-----\n`
}
