import CaseModel

/// The date printed on a published report (and on its `stats`): review.yaml's
/// `published`, always. Neither the wall clock nor `SOURCE_DATE_EPOCH` (which
/// many build servers set for their own reasons) changes it: the publication
/// date is a fact about the review, not about the build. Only a draft says when
/// it was built (``DraftClock``).
enum ReportDate {
    static func published(_ review: Review) -> ISODate { review.published }
}
