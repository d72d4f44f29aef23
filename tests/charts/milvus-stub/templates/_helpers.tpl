{{- define "milvus-stub.fullname" -}}
{{- printf "%s-milvus" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Like the real chart's "milvus.serviceAccount": without create and a name, the namespace's "default" ServiceAccount
(access-key mode reads its key from a Secret, so it needs no ServiceAccount of ours). Stricter than the real chart
under IAM only: there "default" would carry no role, so the stub refuses to render instead.
*/}}
{{- define "milvus-stub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "milvus-stub.fullname" .) .Values.serviceAccount.name -}}
{{- else if and .Values.externalS3.enabled .Values.externalS3.useIAM -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false and externalS3.useIAM is true" .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "milvus-stub.labels" -}}
app.kubernetes.io/name: milvus
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}
