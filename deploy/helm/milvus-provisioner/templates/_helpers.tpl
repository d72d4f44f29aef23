{{- define "milvus-provisioner.labels" -}}
app.kubernetes.io/name: milvus-provisioner
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "milvus-provisioner.selector" -}}
app.kubernetes.io/name: milvus-provisioner
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
