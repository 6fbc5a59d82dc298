// Validates the custom resources of rendered manifests against their projects' CRD schemas
// (the @kubernetes-models packages are generated from those CRDs; versions pinned in
// package-lock.json): KEDA, CloudNativePG, the Prometheus operator. Core kinds are left to
// kubernetes-validate. A custom resource of any other kind is an error, not a pass.
//   node tools/k8s/validate-crds.mjs rendered.yaml
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';

const MODELS = {
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'postgresql.cnpg.io/v1/Cluster': Cluster,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};
const CORE = /^(v1|apps\/v1|policy\/v1|autoscaling\/v2|networking\.k8s\.io\/v1|batch\/v1)$/;

const path = process.argv[2];
let checked = 0;
const errors = [];
for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
  const obj = doc.toJSON();
  if (!obj) continue;
  const key = `${obj.apiVersion}/${obj.kind}`;
  const where = `${key} ${obj.metadata?.name}`;
  if (CORE.test(obj.apiVersion)) continue;
  const Model = MODELS[key];
  if (!Model) {
    errors.push(`${where}: no schema for this custom resource`);
    continue;
  }
  try {
    new Model(obj).validate();
    checked += 1;
  } catch (error) {
    errors.push(`${where}: ${error.message}`);
  }
}
for (const e of errors) console.log(`error ${e}`);
console.log(`${path}: ${checked} custom resources valid, ${errors.length} errors`);
process.exit(errors.length ? 1 : 0);
