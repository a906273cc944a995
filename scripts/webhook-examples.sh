#!/usr/bin/env bash
# webhook-examples.sh - bash functions that send signed alerts to alertline's ingest service.
#
#   source scripts/webhook-examples.sh
#   export WEBHOOK_SECRET=...                    # HMAC secret, as configured in the ingest service
#   export WEBHOOK_URL=http://localhost:5001     # optional; this is the default
#   test_webhook critical
#   send_memory_warning 85
#   send_gpu_alert "GPUCUDAError" 0 cuda "CUDA error on GPU 0"
#   send_db_pool_warning "openwebui" "32/40"
#   trigger_ollama_recovery
#   print_usage                                  # lists every function
#
# Executed instead of sourced, it prints that list (`bash webhook-examples.sh`) or runs one
# function (`bash webhook-examples.sh send_memory_warning 85`).
#
# Needs only bash, curl and openssl. Every body is compact JSON built with json_escape, signed
# byte for byte as sent (printf '%s' | openssl, curl --data-binary). Each send function prints the
# server's answer on stdout and returns 0 only for a 2xx answer; an HTTP error returns 1, a curl
# failure curl's exit code, a usage error 2. WEBHOOK_URL, WEBHOOK_SECRET and WEBHOOK_TIMEOUT
# (seconds, default 30) are read at every call, so they may be set after sourcing.
#
# Sourcing changes no shell option of the caller, and the functions work in callers that use
# `set -euo pipefail`. Note: openssl receives the secret as a command-line argument (-hmac), so
# other users of this machine could see it in the process list while a signature is computed.

if [ -z "${BASH_VERSION:-}" ]; then
    echo "webhook-examples.sh: needs bash" >&2
    # shellcheck disable=SC2317 # exit is reached when the file is executed by another shell
    return 2 2>/dev/null || exit 2
fi

_WH_FUNCTIONS="json_escape generate_signature verify_signature send_alert test_webhook
send_generic_alert send_critical_alert trigger_ollama_recovery trigger_webui_recovery
trigger_searxng_recovery send_warning_alert send_memory_warning send_cpu_warning send_disk_warning
send_gpu_alert send_gpu_memory_error send_cuda_error send_gpu_temperature_warning send_ai_alert
send_database_alert send_db_pool_warning send_slow_query_alert print_usage"

# json_escape STRING - prints STRING as the inside of a JSON string literal (no quotes around it):
# backslash and double quote escaped, \n \r \t, other control characters as \u00XX.
json_escape() {
    local LC_ALL=C
    # shellcheck disable=SC1003 # bs is one backslash
    local s="${1-}" bs='\' q='"' c hex i
    s=${s//"$bs"/"$bs$bs"}
    s=${s//"$q"/"$bs$q"}
    s=${s//$'\n'/"${bs}n"}
    s=${s//$'\r'/"${bs}r"}
    s=${s//$'\t'/"${bs}t"}
    if [[ $s == *[$'\001'-$'\037']* ]]; then
        for ((i = 1; i < 32; i++)); do
            printf -v hex '%02x' "$i"
            # shellcheck disable=SC2059 # the format is the escape \xHH itself
            printf -v c "\\x$hex"
            if [[ $s == *"$c"* ]]; then
                s=${s//"$c"/"${bs}u00$hex"}
            fi
        done
    fi
    printf '%s' "$s"
}

# generate_signature PAYLOAD [SECRET] - hex HMAC-SHA256 of exactly PAYLOAD's bytes
# (SECRET defaults to $WEBHOOK_SECRET).
generate_signature() {
    local payload="${1-}" secret="${2-${WEBHOOK_SECRET-}}" out
    if [[ -z $secret ]]; then
        echo "generate_signature: no secret (pass one or set WEBHOOK_SECRET)" >&2
        return 2
    fi
    if ! out=$(printf '%s' "$payload" | openssl dgst -sha256 -hmac "$secret"); then
        echo "generate_signature: openssl failed" >&2
        return 1
    fi
    # "HMAC-SHA2-256(stdin)= <hex>" (OpenSSL 3) or "(stdin)= <hex>" (1.1): the last word.
    printf '%s\n' "${out##* }"
}

# verify_signature PAYLOAD SIGNATURE [SECRET] - returns 0 when SIGNATURE (hex, any case, optional
# "sha256=" prefix) is PAYLOAD's HMAC-SHA256 with SECRET (default $WEBHOOK_SECRET), else 1.
verify_signature() {
    if [[ $# -lt 2 ]]; then
        echo "usage: verify_signature PAYLOAD SIGNATURE [SECRET]" >&2
        return 2
    fi
    local expected given="${2#sha256=}"
    expected=$(generate_signature "$1" "${3-${WEBHOOK_SECRET-}}") || return 2
    given=${given,,}
    if [[ -n $given && $given == "$expected" ]]; then
        echo "Signature valid"
        return 0
    fi
    echo "Signature invalid" >&2
    return 1
}

_wh_path() {
    case "${1-}" in
        generic | "") printf '%s\n' /webhook ;;
        critical | warning | gpu | ai | database) printf '%s\n' "/webhook/$1" ;;
        *)
            echo "webhook-examples.sh: unknown endpoint '$1' (generic, critical, warning, gpu, ai, database)" >&2
            return 2
            ;;
    esac
}

# _wh_post PATH PAYLOAD - signs and POSTs PAYLOAD, prints the answer, returns 0 only for 2xx.
_wh_post() {
    local path="$1" payload="$2" secret="${WEBHOOK_SECRET-}" url sig out rc code body
    if [[ -z $secret ]]; then
        echo "webhook-examples.sh: WEBHOOK_SECRET is not set" >&2
        return 2
    fi
    url="${WEBHOOK_URL:-http://localhost:5001}"
    url="${url%/}$path"
    sig=$(generate_signature "$payload" "$secret") || return
    if out=$(printf '%s' "$payload" | curl -sS --connect-timeout 10 --max-time "${WEBHOOK_TIMEOUT:-30}" \
        -H 'Content-Type: application/json' -H "X-Signature: $sig" \
        --data-binary @- -w '\n%{http_code}' "$url"); then
        rc=0
    else
        rc=$?
    fi
    code=${out##*$'\n'}
    body=${out%$'\n'*}
    if [[ $out != *$'\n'* ]]; then
        body=""
    fi
    if [[ -n $body ]]; then
        printf '%s\n' "$body"
    fi
    if [[ $rc -ne 0 ]]; then
        echo "webhook-examples.sh: POST $url failed (curl exit code $rc)" >&2
        return "$rc"
    fi
    if [[ $code == 2[0-9][0-9] ]]; then
        return 0
    fi
    echo "webhook-examples.sh: POST $url answered HTTP $code" >&2
    return 1
}

# send_alert ENDPOINT firing|resolved ALERTNAME [label:KEY=VALUE | annotation:KEY=VALUE]...
# The general form every other function uses: one Alertmanager (version 4) shaped alert.
send_alert() {
    if [[ $# -lt 3 ]]; then
        echo "usage: send_alert ENDPOINT firing|resolved ALERTNAME [label:KEY=VALUE | annotation:KEY=VALUE]..." >&2
        return 2
    fi
    local endpoint="$1" status="$2" alertname="$3" path arg kv key member labels annotations now ends name
    shift 3
    path=$(_wh_path "$endpoint") || return 2
    case "$status" in
        firing | resolved) ;;
        *)
            echo "send_alert: status must be firing or resolved, got '$status'" >&2
            return 2
            ;;
    esac
    if [[ -z $alertname ]]; then
        echo "send_alert: ALERTNAME must not be empty" >&2
        return 2
    fi
    name=$(json_escape "$alertname")
    labels="\"alertname\":\"$name\""
    annotations=""
    for arg in "$@"; do
        case "$arg" in
            label:?*=*) kv=${arg#label:} ;;
            annotation:?*=*) kv=${arg#annotation:} ;;
            *)
                echo "send_alert: expected label:KEY=VALUE or annotation:KEY=VALUE, got '$arg'" >&2
                return 2
                ;;
        esac
        key=${kv%%=*}
        if [[ $arg == label:* && $key == alertname ]]; then
            echo "send_alert: the alertname label is the ALERTNAME argument" >&2
            return 2
        fi
        member="\"$(json_escape "$key")\":\"$(json_escape "${kv#*=}")\""
        if [[ $arg == label:* ]]; then
            labels+=",$member"
        else
            annotations+="${annotations:+,}$member"
        fi
    done
    now=$(date -u +%Y-%m-%dT%H:%M:%SZ) || return 1
    ends="0001-01-01T00:00:00Z"
    if [[ $status == resolved ]]; then
        ends=$now
    fi
    _wh_post "$path" "{\"receiver\":\"webhook-examples.sh\",\"status\":\"$status\",\"alerts\":[{\"status\":\"$status\",\"labels\":{$labels},\"annotations\":{$annotations},\"startsAt\":\"$now\",\"endsAt\":\"$ends\"}],\"groupLabels\":{\"alertname\":\"$name\"},\"commonLabels\":{$labels},\"commonAnnotations\":{$annotations},\"version\":\"4\",\"groupKey\":\"$(json_escape "{}:{alertname=\"$name\"}")\",\"truncatedAlerts\":0}"
}

# test_webhook [ENDPOINT] - a harmless test alert (no recovery) to one endpoint (default generic).
test_webhook() {
    local endpoint="${1:-generic}" severity=warning
    _wh_path "$endpoint" >/dev/null || return 2
    if [[ $endpoint == critical ]]; then
        severity=critical
    fi
    send_alert "$endpoint" firing WebhookTest "label:severity=$severity" "label:endpoint=$endpoint" \
        "annotation:summary=Test alert from webhook-examples.sh ($endpoint)" \
        "annotation:description=Sent by test_webhook; safe to ignore"
}

# send_generic_alert ALERTNAME [SEVERITY=warning] [SUMMARY] [DESCRIPTION]
send_generic_alert() {
    if [[ $# -lt 1 ]]; then
        echo "usage: send_generic_alert ALERTNAME [SEVERITY] [SUMMARY] [DESCRIPTION]" >&2
        return 2
    fi
    send_alert generic firing "$1" "label:severity=${2:-warning}" \
        "annotation:summary=${3:-$1}" ${4+"annotation:description=$4"}
}

# send_critical_alert ALERTNAME SERVICE SUMMARY [auto] - "auto" asks for the service's recovery script.
send_critical_alert() {
    if [[ $# -lt 3 ]]; then
        echo "usage: send_critical_alert ALERTNAME SERVICE SUMMARY [auto]" >&2
        return 2
    fi
    local recovery=()
    if [[ ${4-} == auto ]]; then
        recovery=("annotation:recovery=auto")
    fi
    send_alert critical firing "$1" "label:severity=critical" "label:service=$2" \
        "annotation:summary=$3" ${recovery[@]+"${recovery[@]}"}
}

trigger_ollama_recovery() {
    send_critical_alert OllamaServiceDown ollama "Ollama service is down" auto
}

trigger_webui_recovery() {
    send_critical_alert OpenWebUIServiceDown openwebui "Open WebUI service is down" auto
}

trigger_searxng_recovery() {
    send_critical_alert SearXNGServiceDown searxng "SearXNG service is down" auto
}

# send_warning_alert ALERTNAME SUMMARY [DESCRIPTION] [INSTANCE]
send_warning_alert() {
    if [[ $# -lt 2 ]]; then
        echo "usage: send_warning_alert ALERTNAME SUMMARY [DESCRIPTION] [INSTANCE]" >&2
        return 2
    fi
    send_alert warning firing "$1" "label:severity=warning" ${4+"label:instance=$4"} \
        "annotation:summary=$2" ${3+"annotation:description=$3"}
}

# send_memory_warning [PERCENT=85] [INSTANCE]
send_memory_warning() {
    local percent="${1:-85}"
    send_alert warning firing HighMemoryUsage "label:severity=warning" "label:component=memory" \
        ${2+"label:instance=$2"} "annotation:summary=Memory usage above $percent%" \
        "annotation:value=$percent"
}

# send_cpu_warning [PERCENT=90] [INSTANCE]
send_cpu_warning() {
    local percent="${1:-90}"
    send_alert warning firing HighCPUUsage "label:severity=warning" "label:component=cpu" \
        ${2+"label:instance=$2"} "annotation:summary=CPU usage above $percent%" \
        "annotation:value=$percent"
}

# send_disk_warning [PERCENT=90] [MOUNTPOINT=/] [INSTANCE]
send_disk_warning() {
    local percent="${1:-90}" mountpoint="${2:-/}"
    send_alert warning firing HighDiskUsage "label:severity=warning" "label:component=disk" \
        "label:mountpoint=$mountpoint" ${3+"label:instance=$3"} \
        "annotation:summary=Disk usage on $mountpoint above $percent%" "annotation:value=$percent"
}

# send_gpu_alert ALERTNAME GPU_ID COMPONENT SUMMARY [SEVERITY=critical]
send_gpu_alert() {
    if [[ $# -lt 4 ]]; then
        echo "usage: send_gpu_alert ALERTNAME GPU_ID COMPONENT SUMMARY [SEVERITY]" >&2
        return 2
    fi
    send_alert gpu firing "$1" "label:severity=${5:-critical}" "label:gpu_id=$2" "label:component=$3" \
        "annotation:summary=$4"
}

# send_gpu_memory_error [GPU_ID=0]
send_gpu_memory_error() {
    local gpu="${1:-0}"
    send_gpu_alert GPUMemoryError "$gpu" memory "GPU $gpu memory error detected"
}

# send_cuda_error [GPU_ID=0] [MESSAGE]
send_cuda_error() {
    local gpu="${1:-0}"
    send_gpu_alert GPUCUDAError "$gpu" cuda "${2:-CUDA error on GPU $gpu}"
}

# send_gpu_temperature_warning [GPU_ID=0] [CELSIUS=85]
send_gpu_temperature_warning() {
    local gpu="${1:-0}" celsius="${2:-85}"
    send_alert gpu firing GPUTemperatureHigh "label:severity=warning" "label:gpu_id=$gpu" \
        "label:component=temperature" "annotation:summary=GPU $gpu temperature above ${celsius}C" \
        "annotation:temperature=$celsius"
}

# send_ai_alert ALERTNAME MODEL SUMMARY [SEVERITY=warning]
send_ai_alert() {
    if [[ $# -lt 3 ]]; then
        echo "usage: send_ai_alert ALERTNAME MODEL SUMMARY [SEVERITY]" >&2
        return 2
    fi
    send_alert ai firing "$1" "label:severity=${4:-warning}" "label:model=$2" \
        "annotation:summary=$3" "annotation:model=$2"
}

# send_database_alert ALERTNAME DATABASE SUMMARY [SEVERITY=warning] [label:K=V | annotation:K=V]...
send_database_alert() {
    if [[ $# -lt 3 ]]; then
        echo "usage: send_database_alert ALERTNAME DATABASE SUMMARY [SEVERITY] [label:K=V | annotation:K=V]..." >&2
        return 2
    fi
    local alertname="$1" database="$2" summary="$3" severity=warning
    shift 3
    if [[ $# -gt 0 && $1 != label:* && $1 != annotation:* ]]; then
        severity="${1:-warning}"
        shift
    fi
    send_alert database firing "$alertname" "label:severity=$severity" "label:database=$database" \
        "annotation:summary=$summary" "$@"
}

# send_db_pool_warning [DATABASE=openwebui] [CONNECTIONS=32/40]
send_db_pool_warning() {
    local database="${1:-openwebui}" connections="${2:-32/40}"
    send_database_alert PostgreSQLHighConnections "$database" \
        "Database connection pool usage high ($connections)" warning "annotation:connections=$connections"
}

# send_slow_query_alert [DATABASE=openwebui] [SECONDS=5]
send_slow_query_alert() {
    local database="${1:-openwebui}" seconds="${2:-5}"
    send_database_alert PostgreSQLSlowQueries "$database" "Queries slower than ${seconds}s" warning \
        "annotation:duration_seconds=$seconds"
}

print_usage() {
    cat <<'EOF'
webhook-examples.sh - send signed alerts to alertline's ingest service (bash + curl + openssl)

  source scripts/webhook-examples.sh
  export WEBHOOK_SECRET=...        HMAC secret (required)
  export WEBHOOK_URL=...           default http://localhost:5001
  export WEBHOOK_TIMEOUT=...       seconds, default 30

Signatures
  json_escape STRING                          STRING escaped for a JSON string literal
  generate_signature PAYLOAD [SECRET]         hex HMAC-SHA256 of PAYLOAD
  verify_signature PAYLOAD SIGNATURE [SECRET] returns 0 if SIGNATURE matches

Alerts (print the server's answer; return 0 for 2xx, 1 HTTP error, curl's code, 2 usage)
  send_alert ENDPOINT firing|resolved ALERTNAME [label:K=V | annotation:K=V]...
  test_webhook [generic|critical|warning|gpu|ai|database]
  send_generic_alert ALERTNAME [SEVERITY] [SUMMARY] [DESCRIPTION]
  send_critical_alert ALERTNAME SERVICE SUMMARY [auto]
  trigger_ollama_recovery | trigger_webui_recovery | trigger_searxng_recovery
  send_warning_alert ALERTNAME SUMMARY [DESCRIPTION] [INSTANCE]
  send_memory_warning [PERCENT] [INSTANCE]
  send_cpu_warning [PERCENT] [INSTANCE]
  send_disk_warning [PERCENT] [MOUNTPOINT] [INSTANCE]
  send_gpu_alert ALERTNAME GPU_ID COMPONENT SUMMARY [SEVERITY]
  send_gpu_memory_error [GPU_ID]
  send_cuda_error [GPU_ID] [MESSAGE]
  send_gpu_temperature_warning [GPU_ID] [CELSIUS]
  send_ai_alert ALERTNAME MODEL SUMMARY [SEVERITY]
  send_database_alert ALERTNAME DATABASE SUMMARY [SEVERITY] [label:K=V | annotation:K=V]...
  send_db_pool_warning [DATABASE] [CONNECTIONS]
  send_slow_query_alert [DATABASE] [SECONDS]
  print_usage

Examples
  test_webhook critical
  send_memory_warning 85
  send_gpu_alert "GPUCUDAError" 0 cuda "CUDA error on GPU 0"
  send_db_pool_warning "openwebui" "32/40"
  trigger_ollama_recovery
  send_alert warning resolved HighMemoryUsage label:severity=warning annotation:summary="Memory back to normal"
EOF
}

# Executed rather than sourced: print the usage, or run the one function named.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    case "${1-}" in
        "" | -h | --help | help)
            print_usage
            exit 0
            ;;
    esac
    for _wh_f in $_WH_FUNCTIONS; do
        if [[ $_wh_f == "$1" ]]; then
            "$@"
            exit $?
        fi
    done
    echo "webhook-examples.sh: unknown function '$1'" >&2
    print_usage >&2
    exit 2
fi
