"""The 24 plugNmeet /auth endpoints, mapped to plugnmeet-sdk 1.0.2's own methods and
request dataclasses. An endpoint the SDK has no method for is absent: the adapter answers
`unsupported` (a coverage gap), never a hand-made request."""
from plugnmeet_sdk.schemas import requests as sdk

# endpoint -> (method name, request dataclass or None for methods without parameters)
SDK_METHODS = {
    "room/create": ("createRoom", sdk.CreateRoomRequest),
    "room/getJoinToken": ("getJoinToken", sdk.JoinRoomRequest),
    "room/isRoomActive": ("isRoomActive", sdk.RoomStatusRequest),
    "room/getActiveRoomInfo": ("getActiveRoomInfo", sdk.GetActiveRoomInfoRequest),
    "room/getActiveRoomsInfo": ("getActiveRoomsInfo", None),
    "room/fetchPastRooms": ("fetchPastRoomsInfo", sdk.FetchPastRoomsInfoRequest),
    "room/endRoom": ("endRoom", sdk.EndRoomRequest),
    "recording/fetch": ("fetchRecordings", sdk.FetchRecordingsRequest),
    # The SDK's "Recording info" calls the deprecated path; it has nothing for recording/info.
    "recording/recordingInfo": ("recordingInfo", sdk.RecordingInfoRequest),
    "recording/delete": ("deleteRecordings", sdk.DeleteRecordingsRequest),
    "recording/getDownloadToken": ("getRecordingDownloadToken", sdk.GetRecordingDownloadTokenRequest),
    "analytics/fetch": ("fetchAnalytics", sdk.FetchAnalyticsRequest),
    "analytics/delete": ("deleteAnalytics", sdk.DeleteAnalyticsRequest),
    "analytics/getDownloadToken": ("getAnalyticsDownloadToken", sdk.GetAnalyticsDownloadTokenRequest),
    "getClientFiles": ("getClientFiles", sdk.GetClientFilesRequest),
}

# Endpoints of the server that 1.0.2 has no method for.
NOT_IN_SDK = [
    "room/broadcastToRoom",
    "room/uploadWhiteboardFile",
    "recording/info",
    "recording/updateMetadata",
    "recording/mergeRecordings",
    "artifact/fetch",
    "artifact/info",
    "artifact/delete",
    "artifact/getDownloadToken",
]
