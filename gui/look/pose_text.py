"""A pose model's words in the window's language: the 17 keypoints' names and how far two
backends' keypoints lie apart (``core.tasks.pose`` keeps the sentence as numbers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.tasks.pose import PoseAgreement

translate = QCoreApplication.translate


def keypoint_name(index: int) -> str:
    """Looked up when shown, so that a language switch renames them at once."""
    names = (
        translate("Pose", "nose"), translate("Pose", "left eye"), translate("Pose", "right eye"),
        translate("Pose", "left ear"), translate("Pose", "right ear"),
        translate("Pose", "left shoulder"), translate("Pose", "right shoulder"),
        translate("Pose", "left elbow"), translate("Pose", "right elbow"),
        translate("Pose", "left wrist"), translate("Pose", "right wrist"),
        translate("Pose", "left hip"), translate("Pose", "right hip"),
        translate("Pose", "left knee"), translate("Pose", "right knee"),
        translate("Pose", "left ankle"), translate("Pose", "right ankle"))
    return names[index]


def pose_agreement_text(agreement: PoseAgreement) -> str:
    if not agreement.compared or agreement.max_distance is None:
        return translate("Pose", "no keypoint scored above {threshold} by both").format(
            threshold=f"{agreement.threshold:g}")
    return translate("Pose", "{compared} keypoints within {largest} of the picture "
                             "(mean {mean})").format(
        compared=agreement.compared, largest=f"{agreement.max_distance:.1%}",
        mean=f"{agreement.mean_distance or 0.0:.1%}")
