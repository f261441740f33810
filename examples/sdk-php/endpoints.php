<?php
/**
 * The plugNmeet /auth endpoints mapped to mynaparrot/plugnmeet-sdk 2.2.5's own methods and
 * the protobuf request message each takes (null: a method without parameters). An endpoint
 * the SDK has no method for is absent: the adapter answers `unsupported` (a coverage gap),
 * never a hand-made request.
 */

use Mynaparrot\PlugnmeetProto as Proto;

/** @return array<string, array{0: string, 1: class-string|null}> endpoint => [method, request message] */
function sdk_methods(): array
{
    return [
        'room/create' => ['createRoom', Proto\CreateRoomReq::class],
        'room/getJoinToken' => ['getJoinToken', Proto\GenerateTokenReq::class],
        'room/isRoomActive' => ['isRoomActive', Proto\IsRoomActiveReq::class],
        'room/getActiveRoomInfo' => ['getActiveRoomInfo', Proto\GetActiveRoomInfoReq::class],
        'room/getActiveRoomsInfo' => ['getActiveRoomsInfo', null],
        'room/fetchPastRooms' => ['fetchPastRoomsInfo', Proto\FetchPastRoomsReq::class],
        'room/broadcastToRoom' => ['broadcastToRoom', Proto\BroadcastToRoomReq::class],
        'room/endRoom' => ['endRoom', Proto\RoomEndReq::class],
        'recording/fetch' => ['fetchRecordings', Proto\FetchRecordingsReq::class],
        'recording/info' => ['getRecordingInfo', Proto\RecordingInfoReq::class],
        'recording/updateMetadata' => ['updateRecordingMetadata', Proto\UpdateRecordingMetadataReq::class],
        'recording/mergeRecordings' => ['mergeRecordings', Proto\MergeRecordingsReq::class],
        'recording/delete' => ['deleteRecordings', Proto\DeleteRecordingReq::class],
        'recording/getDownloadToken' => ['getRecordingDownloadToken', Proto\GetDownloadTokenReq::class],
        'artifact/fetch' => ['fetchArtifacts', Proto\FetchArtifactsReq::class],
        'artifact/info' => ['getArtifactInfo', Proto\ArtifactInfoReq::class],
        'artifact/delete' => ['deleteArtifact', Proto\DeleteArtifactReq::class],
        'artifact/getDownloadToken' => ['getArtifactDownloadToken', Proto\GetArtifactDownloadTokenReq::class],
        'analytics/fetch' => ['fetchAnalytics', Proto\FetchAnalyticsReq::class],
        'analytics/delete' => ['deleteAnalytics', Proto\DeleteAnalyticsReq::class],
        'analytics/getDownloadToken' => ['getAnalyticsDownloadToken', Proto\GetAnalyticsDownloadTokenReq::class],
        'getClientFiles' => ['getClientFiles', null],
        // room/uploadWhiteboardFile has a method, but it is multipart, not one of the JSON
        // routes the runner calls; recording/recordingInfo (deprecated) has none.
    ];
}
