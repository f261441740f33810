<?php
/**
 * What mynaparrot/plugnmeet-sdk 2.2.5 returned, in the protocol's terms.
 *
 * Every method returns its response message and throws only when a 2xx body cannot be
 * merged into it. Failures come back as that message with `status` false, `msg` and a
 * `status_code`: the server's own (parsed from the JSON body, whatever the HTTP status:
 * Guzzle's exception for a 401 carries the body), or UNKNOWN_STATUS when the HTTP client
 * threw without a JSON body (a non-JSON error page, a closed or refused connection, the
 * SDK's timeout), with the error text in `msg`. The HTTP status is never exposed. The
 * adapter reports only what can be told from that.
 */

use Google\Protobuf\Internal\Message;
use Google\Protobuf\PrintOptions;
use Mynaparrot\PlugnmeetProto\StatusCode;

function failure(string $kind, string $message, ?string $statusCode = null): array
{
    return ['failure' => ['kind' => $kind, 'httpStatus' => null, 'statusCode' => $statusCode, 'message' => $message]];
}

function unsupported(string $endpoint): array
{
    return failure('unsupported', SDK_PACKAGE . ' ' . SDK_VERSION . " has no method for $endpoint");
}

/**
 * The message as JSON with nothing left out: proto field names, and fields at their default
 * value written too (protobuf's JSON leaves out `false`, 0 and "", which the message holds).
 * int64 stay decimal strings (protobuf writes them so, and JSON_BIGINT_AS_STRING keeps any
 * bare one exact).
 */
function message_json(Message $message): mixed
{
    $text = $message->serializeToJsonString(PrintOptions::PRESERVE_PROTO_FIELD_NAMES | PrintOptions::EMIT_DEFAULTS);
    return json_decode($text, false, 512, JSON_BIGINT_AS_STRING | JSON_THROW_ON_ERROR);
}

/** `result` or `failure` for the message a method returned. */
function from_return(Message $returned): array
{
    if ($returned->getStatus()) {
        return ['result' => message_json($returned)];
    }
    $code = $returned->getStatusCode();
    $name = StatusCode::name($code);
    $message = (string) $returned->getMsg();
    switch ($code) {
        // The codes the server sends only with its 401: the credentials were refused.
        case StatusCode::INVALID_TOKEN_OR_SIGNATURE:
        case StatusCode::INVALID_API_KEY:
            return failure('auth', $message, $name);
        // The SDK's own code for "the HTTP client threw and no JSON answer said why": a
        // non-JSON error page, a closed or refused connection and its timeout alike; only
        // `msg`'s wording differs, which is no API. No answer is the common meaning.
        case StatusCode::UNKNOWN_STATUS:
            return failure('network', $message, null);
        default:
            return failure('api', $message, $name);
    }
}

/** A method threw: the answer's body could not be merged into the response message. */
function from_exception(Throwable $error): array
{
    return failure('http', 'the SDK threw ' . get_class($error) . ': ' . $error->getMessage());
}
